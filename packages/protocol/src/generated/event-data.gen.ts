// generated - do not edit. Source: openapi.yaml, by scripts/generate.mjs. Run `pnpm generate`.
/* eslint-disable */

import type { components } from './types.gen.js';
import { zAnswerData, zErrorData, zMessageDroppedData, zMessageReceivedData, zStateChangedData, zStepFinishedData, zStepStartedData, zSubagentFinishedData, zSubagentStartedData, zThoughtData, zToolCalledData, zToolReturnedData } from './zod.gen.js';

/** The payload (`data`) of each known event type. */
export interface EventDataMap {
  state_changed: components['schemas']['StateChangedData'];
  message_received: components['schemas']['MessageReceivedData'];
  message_dropped: components['schemas']['MessageDroppedData'];
  step_started: components['schemas']['StepStartedData'];
  step_finished: components['schemas']['StepFinishedData'];
  thought: components['schemas']['ThoughtData'];
  tool_called: components['schemas']['ToolCalledData'];
  tool_returned: components['schemas']['ToolReturnedData'];
  subagent_started: components['schemas']['SubagentStartedData'];
  subagent_finished: components['schemas']['SubagentFinishedData'];
  answer: components['schemas']['AnswerData'];
  error: components['schemas']['ErrorData'];
}

/** The payload schema of each known event type, keyed by the type it validates. */
export const EVENT_DATA_SCHEMAS = {
  state_changed: zStateChangedData,
  message_received: zMessageReceivedData,
  message_dropped: zMessageDroppedData,
  step_started: zStepStartedData,
  step_finished: zStepFinishedData,
  thought: zThoughtData,
  tool_called: zToolCalledData,
  tool_returned: zToolReturnedData,
  subagent_started: zSubagentStartedData,
  subagent_finished: zSubagentFinishedData,
  answer: zAnswerData,
  error: zErrorData,
} as const;
