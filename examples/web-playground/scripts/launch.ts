import { fileURLToPath } from 'node:url';
import {
  createMockServer,
  type Fixture,
  type MockServer,
  type MockServerOptions,
} from '@agent-sessions/mock-server';
import { createServer, type ViteDevServer } from 'vite';
import { scenarioDefine } from './scenario-catalog';

/** A running playground: the mock server and the page's dev server. */
export interface Playground {
  /** The mock server the page talks to. */
  mock: MockServer;
  /** The page's Vite dev server. */
  vite: ViteDevServer;
  /** The page's address, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  /** Stops both servers. */
  close(): Promise<void>;
}

/** Options of {@link launchPlayground}. */
export interface LaunchOptions {
  /** The mock server's options (clock, faults...). Default: the mock's defaults (virtual clock). */
  mock?: Omit<MockServerOptions, 'fixtures'>;
  /** The scenarios the mock plays and the page offers. Default: the mock's built-in catalog. */
  fixtures?: Fixture[];
  /** The page's port. Default: `0` (any free port). */
  port?: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts the mock server, then the page's dev server with the mock's URL in the page's env
 * (`VITE_AGENT_SESSIONS_URL`) and its scenarios in the picker, both on 127.0.0.1.
 *
 * @example
 * const playground = await launchPlayground({ mock: { clock: { mode: 'real', speed: 5 } } });
 * console.log(playground.url);
 */
export async function launchPlayground(options: LaunchOptions = {}): Promise<Playground> {
  const mock = await createMockServer({
    port: 0,
    ...options.mock,
    ...(options.fixtures ? { fixtures: options.fixtures } : {}),
  });
  try {
    const vite = await createServer({
      root,
      configFile: `${root}/vite.config.ts`,
      logLevel: 'warn',
      define: {
        'import.meta.env.VITE_AGENT_SESSIONS_URL': JSON.stringify(mock.url),
        ...scenarioDefine(options.fixtures),
      },
      server: { port: options.port ?? 0, host: '127.0.0.1' },
    });
    await vite.listen();
    const url = vite.resolvedUrls?.local[0];
    if (!url) throw new Error('the page server did not report its address');
    return {
      mock,
      vite,
      url,
      close: async () => {
        await vite.close();
        await mock.close();
      },
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}
