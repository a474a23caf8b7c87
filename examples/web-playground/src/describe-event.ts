import {
  type EventDataMap,
  isKnownEventType,
  type KnownEventType,
  type SessionEvent,
} from '@agent-sessions/react';

/** How the event stream shows one event: a label, one line of text, maybe a marker. */
export interface EventDescription {
  /** The event's kind, used as its style: the event type, or `unknown`. */
  kind: KnownEventType | 'unknown';
  /** A short label, e.g. `Tool call`. */
  label: string;
  /** The event in words. */
  text: string;
  /** A marker next to the label, e.g. `forced` on a forced answer, `error` on a failed tool. */
  marker?: string;
}

type Describer<K extends KnownEventType> = (
  data: EventDataMap[K],
) => Omit<EventDescription, 'kind'>;

/** The longest raw payload shown for an event type the page does not know. */
const RAW_LIMIT = 240;

const clip = (text: string, limit: number) =>
  text.length > limit ? `${text.slice(0, limit - 1)}…` : text;

const describers: { [K in KnownEventType]: Describer<K> } = {
  state_changed: ({ from, to, reason }) => ({
    label: 'State',
    text: from === null ? `${to} (${reason})` : `${from} → ${to} (${reason})`,
  }),
  message_received: ({ content }) => ({ label: 'Message', text: content }),
  message_dropped: ({ message_id, reason }) => ({
    label: 'Message',
    text: `${message_id} never reached the agent (${reason})`,
    marker: 'dropped',
  }),
  step_started: ({ step }) => ({ label: 'Step', text: `step ${step} started` }),
  step_finished: ({ step, usage }) => ({
    label: 'Step',
    text: `step ${step} finished · ${usage.total_tokens.toLocaleString('en')} tokens`,
  }),
  thought: ({ content }) => ({ label: 'Thought', text: content }),
  tool_called: ({ tool, input }) => ({
    label: 'Tool call',
    text: `${tool}(${clip(JSON.stringify(input), RAW_LIMIT)})`,
  }),
  tool_returned: ({ tool, output, is_error }) => ({
    label: 'Tool result',
    text: `${tool} → ${output}`,
    ...(is_error ? { marker: 'error' } : {}),
  }),
  subagent_started: ({ subagent_id, task }) => ({
    label: 'Delegated',
    text: `${subagent_id}: ${task}`,
  }),
  subagent_finished: ({ subagent_id, result }) => ({
    label: 'Subagent done',
    text: `${subagent_id}: ${result}`,
  }),
  answer: ({ content, forced }) => ({
    label: 'Answer',
    text: content,
    ...(forced ? { marker: 'forced' } : {}),
  }),
  error: ({ code, message }) => ({ label: 'Error', text: `${code}: ${message}` }),
};

/**
 * Puts an event into words for the stream. An event type this page does not know (a newer
 * server added it) is shown as it came: its type and its raw data.
 *
 * @example describeEvent(event); // { kind: 'thought', label: 'Thought', text: 'Reading source 1.' }
 */
export function describeEvent(event: SessionEvent): EventDescription {
  const { type } = event;
  if (type === '(unknown)' || !isKnownEventType(type)) {
    return {
      kind: 'unknown',
      label: type === '(unknown)' ? event.original_type : type,
      text: clip(JSON.stringify(event.data), RAW_LIMIT),
      marker: 'new type',
    };
  }
  // The SDK validated the payload against its type's schema; the table keeps them paired.
  const describe = describers[type] as (data: unknown) => Omit<EventDescription, 'kind'>;
  return { kind: type, ...describe(event.data) };
}
