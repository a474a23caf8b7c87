// OpenTelemetry-style tracing with the SDK's hooks: one client span per HTTP attempt, the W3C
// `traceparent` header on the request, and the retries recorded as span events.
//
// It is written against the small part of `@opentelemetry/api` it uses (a `Tracer` that starts
// spans), so it runs without it; with OpenTelemetry installed, pass `trace.getTracer('app')`.
// Run: AGENT_SESSIONS_BASE_URL=http://127.0.0.1:4010 AGENT_SESSIONS_API_KEY=test-key npx tsx examples/tracing.ts
import { AgentSessions, type HookContext, type Hooks } from '../src/index.js';

/** The subset of an OpenTelemetry `Span` used here. */
export interface Span {
  setAttribute(key: string, value: string | number | boolean): unknown;
  addEvent(name: string, attributes?: Record<string, string | number | boolean>): unknown;
  spanContext(): { traceId: string; spanId: string; traceFlags: number };
  end(): void;
}

/** The subset of an OpenTelemetry `Tracer` used here. */
export interface Tracer {
  startSpan(name: string, options?: { attributes?: Record<string, string | number> }): Span;
}

/** Hooks that trace every attempt as a span named `agent-sessions GET /v1/sessions/{id}`. */
export function tracingHooks(tracer: Tracer): Hooks {
  // Keyed by the traceparent sent: ky hands afterResponse a clone of the request it sent.
  const spans = new Map<string, Span>();
  const name = (context: HookContext) =>
    `agent-sessions ${context.method} ${context.path.split('?')[0]}`;
  return {
    beforeRequest: [
      (request, context) => {
        const span = tracer.startSpan(name(context), {
          attributes: {
            'http.request.method': context.method,
            'http.request.resend_count': context.attempt - 1,
          },
        });
        const { traceId, spanId, traceFlags } = span.spanContext();
        const traceparent = `00-${traceId}-${spanId}-0${traceFlags}`;
        request.headers.set('traceparent', traceparent);
        spans.set(traceparent, span);
      },
    ],
    afterResponse: [
      (request, response) => {
        const traceparent = request.headers.get('traceparent') ?? '';
        const span = spans.get(traceparent);
        spans.delete(traceparent);
        span?.setAttribute('http.response.status_code', response.status);
        span?.setAttribute('agent_sessions.request_id', response.headers.get('x-request-id') ?? '');
        span?.end();
      },
    ],
    beforeRetry: [
      ({ error, delayMs, attempt }) => {
        // The failed attempt's span has ended (or never got a response); log the decision.
        console.log(`retrying after attempt ${attempt}: ${error.code}, waiting ${delayMs} ms`);
      },
    ],
  };
}

/** A console tracer, standing in for OpenTelemetry's. */
const consoleTracer: Tracer = {
  startSpan(spanName) {
    const started = performance.now();
    const hex = (bytes: number) =>
      Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
    const context = { traceId: hex(16), spanId: hex(8), traceFlags: 1 };
    const attributes: Record<string, string | number | boolean> = {};
    return {
      setAttribute: (key, value) => (attributes[key] = value),
      addEvent: () => undefined,
      spanContext: () => context,
      end: () => console.log(spanName, `${Math.round(performance.now() - started)}ms`, attributes),
    };
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const client = new AgentSessions({ hooks: tracingHooks(consoleTracer) });
  const { answer } = await client.sessions.run({ input: 'What is the capital of France?' });
  console.log(answer);
}
