import type { SessionEvent } from '@agent-sessions/react';

/** One event in words for the page: a short label and a line of text. */
export function describeEvent(event: SessionEvent): { label: string; text: string } {
  switch (event.type) {
    case 'state_changed': {
      const { from, to, reason } = event.data;
      return {
        label: 'State',
        text: from === null ? `${to} (${reason})` : `${from} → ${to} (${reason})`,
      };
    }
    case 'message_received':
      return { label: 'Message', text: event.data.content };
    case 'message_dropped':
      return { label: 'Dropped', text: `${event.data.message_id} (${event.data.reason})` };
    case 'step_started':
      return { label: 'Step', text: `step ${event.data.step} started` };
    case 'step_finished':
      return {
        label: 'Step',
        text: `step ${event.data.step} finished · ${event.data.usage.total_tokens.toLocaleString('en')} tokens`,
      };
    case 'thought':
      return { label: 'Thought', text: event.data.content };
    case 'tool_called':
      return {
        label: 'Tool call',
        text: `${event.data.tool}(${JSON.stringify(event.data.input)})`,
      };
    case 'tool_returned':
      return { label: 'Tool result', text: `${event.data.tool} → ${event.data.output}` };
    case 'subagent_started':
      return { label: 'Delegated', text: `${event.data.subagent_id}: ${event.data.task}` };
    case 'subagent_finished':
      return { label: 'Subagent', text: `${event.data.subagent_id}: ${event.data.result}` };
    case 'answer':
      return { label: 'Answer', text: event.data.content };
    case 'error':
      return { label: 'Error', text: `${event.data.code}: ${event.data.message}` };
    case '(unknown)':
      // A type a newer server added: show what came.
      return { label: event.original_type, text: JSON.stringify(event.data) };
  }
}
