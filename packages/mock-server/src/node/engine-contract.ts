// The engine's request API as agreed in the lead's contract; replaced by src/engine-request.ts
// when the engine exports it.

/** A request as the engine reads it: no web Request needed. */
export interface EngineRequest {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
  text(limitBytes: number): Promise<string>;
  signal: AbortSignal;
}

/** A response as the engine answers it: no web Response needed. */
export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  body: string | AsyncIterable<Uint8Array>;
  reset?: true;
}

/** A request body that grew past the limit the engine allows. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
  }
}
