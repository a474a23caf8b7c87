import { type ReactNode, StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';

const mounted = new Set<{ root: Root; container: HTMLElement }>();

// Every root a test mounts is unmounted after it, so no watch outlives its test.
afterEach(() => {
  for (const entry of mounted) {
    entry.root.unmount();
    entry.container.remove();
  }
  mounted.clear();
});

/** Errors React reported while rendering (thrown from a component, recoverable ones). */
export interface RenderErrors {
  uncaught: unknown[];
  recoverable: unknown[];
}

/**
 * Renders `element` into a new container in the page (inside `<StrictMode>` with `strict`);
 * the first render has happened when it returns.
 */
export function render(element: ReactNode, { strict = false } = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const errors: RenderErrors = { uncaught: [], recoverable: [] };
  const root = createRoot(container, {
    onUncaughtError: (error) => errors.uncaught.push(error),
    onRecoverableError: (error) => errors.recoverable.push(error),
  });
  const entry = { root, container };
  mounted.add(entry);
  flushSync(() => root.render(strict ? <StrictMode>{element}</StrictMode> : element));
  return {
    container,
    errors,
    rerender: (next: ReactNode) => root.render(strict ? <StrictMode>{next}</StrictMode> : next),
    unmount: () => {
      mounted.delete(entry);
      root.unmount();
      container.remove();
    },
  };
}
