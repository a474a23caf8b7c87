/**
 * Thrown by the in-process `fetch` (and turned into a destroyed socket by the HTTP adapter)
 * when a `reset` fault drops the connection: the same TypeError a real `fetch` rejects with.
 */
export class MockConnectionReset extends TypeError {
  constructor() {
    super('fetch failed: the mock server reset the connection (fault: reset)');
  }
}
