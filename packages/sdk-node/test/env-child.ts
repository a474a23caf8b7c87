// Run in a child process by node.test.ts, with AGENT_SESSIONS_* set in its environment.
import { AgentSessions } from '../src/index.js';

const fromEnv = new AgentSessions();
const { answer } = await fromEnv.sessions.run({ input: 'x' });
let explicitWins = '';
try {
  await new AgentSessions({ apiKey: 'explicit-wrong-key' }).sessions.list();
} catch (error) {
  explicitWins = (error as Error).name;
}
process.stdout.write(JSON.stringify({ answer, explicitWins }));
