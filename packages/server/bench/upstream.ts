// The upstream for the bench: the mock server in its own process (so the bench's heap is the
// handler's), on the virtual clock with nothing moving unless a request moves it.
import { createMockServer } from '@agent-sessions/mock-server';

const server = await createMockServer({ autoAdvance: false, journalLimit: 0 });
process.send!({ url: server.url });
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
