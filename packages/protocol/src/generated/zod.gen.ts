// generated - do not edit. Source: openapi.yaml, by @hey-api/openapi-ts (zod plugin, zod/mini). Run `pnpm generate`.
/* eslint-disable */

import * as z from 'zod/mini';

/**
 * A session id.
 */
export const zSessionId = z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[A-Za-z0-9_-]+$/));

/**
 * The states this version of the API defines. `queued`, `running`, `paused` and `idle`
 * are live; `completed`, `interrupted` and `failed` are terminal.
 *
 */
export const zKnownSessionState = z.enum([
    'queued',
    'running',
    'paused',
    'idle',
    'completed',
    'interrupted',
    'failed'
]);

/**
 * A session state. Servers may add states; clients must accept ones they do not know.
 */
export const zSessionState = z.union([
    zKnownSessionState,
    z.string()
]);

/**
 * Token usage.
 */
export const zUsage = z.object({
    input_tokens: z.int().check(z.gte(0)),
    output_tokens: z.int().check(z.gte(0)),
    total_tokens: z.int().check(z.gte(0))
});

/**
 * Up to 16 string pairs of the caller's own, returned as given.
 */
export const zMetadata = z.record(z.string(), z.string().check(z.maxLength(500)));

export const zCreateSessionRequest = z.object({
    input: z.string().check(z.minLength(1), z.maxLength(100000)),
    idle_timeout_s: z.optional(z.int().check(z.gte(0), z.lte(86400))),
    metadata: z.optional(zMetadata)
});

export const zSendMessageRequest = z.object({
    content: z.string().check(z.minLength(1), z.maxLength(100000))
});

/**
 * A snapshot of a session.
 */
export const zSession = z.object({
    id: zSessionId,
    state: zSessionState,
    step_count: z.int().check(z.gte(0)),
    usage: zUsage,
    turn: z.int().check(z.gte(1)),
    idle_timeout_s: z.int().check(z.gte(0)),
    answer: z.nullable(z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    metadata: zMetadata
});

export const zSessionList = z.object({
    data: z.array(zSession),
    next_cursor: z.nullable(z.string()),
    has_more: z.boolean()
});

/**
 * The agent that produced an event; subagents have the id of the agent that started them as `parent_id`.
 */
export const zAgent = z.object({
    id: z.string().check(z.minLength(1)),
    parent_id: z.nullable(z.string())
});

/**
 * The event types this version of the API defines.
 */
export const zKnownEventType = z.enum([
    'state_changed',
    'message_received',
    'step_started',
    'step_finished',
    'thought',
    'tool_called',
    'tool_returned',
    'subagent_started',
    'subagent_finished',
    'answer',
    'error'
]);

/**
 * One entry of a session's event log. `index` is dense from 0 and never changes. The
 * shape of `data` depends on `type`; see the `*Event` schemas for the known types.
 * Servers may add types and fields: clients must surface events they do not know.
 *
 */
export const zEvent = z.object({
    index: z.int().check(z.gte(0)),
    type: z.string().check(z.minLength(1)),
    created_at: z.iso.datetime(),
    turn: z.int().check(z.gte(1)),
    agent: zAgent,
    data: z.record(z.string(), z.unknown())
});

/**
 * The payload of `state_changed`.
 */
export const zStateChangedData = z.object({
    from: z.nullable(zSessionState),
    to: zSessionState,
    reason: z.string()
});

/**
 * The payload of `message_received`.
 */
export const zMessageReceivedData = z.object({
    message_id: z.string(),
    content: z.string()
});

/**
 * The payload of `step_started`.
 */
export const zStepStartedData = z.object({
    step: z.int().check(z.gte(1))
});

/**
 * The payload of `step_finished`.
 */
export const zStepFinishedData = z.object({
    step: z.int().check(z.gte(1)),
    usage: zUsage
});

/**
 * The payload of `thought`.
 */
export const zThoughtData = z.object({
    content: z.string()
});

/**
 * The payload of `tool_called`.
 */
export const zToolCalledData = z.object({
    call_id: z.string(),
    tool: z.string(),
    input: z.record(z.string(), z.unknown())
});

/**
 * The payload of `tool_returned`.
 */
export const zToolReturnedData = z.object({
    call_id: z.string(),
    tool: z.string(),
    output: z.string(),
    is_error: z.boolean()
});

/**
 * The payload of `subagent_started`.
 */
export const zSubagentStartedData = z.object({
    subagent_id: z.string(),
    task: z.string()
});

/**
 * The payload of `subagent_finished`.
 */
export const zSubagentFinishedData = z.object({
    subagent_id: z.string(),
    result: z.string()
});

/**
 * The payload of `answer`.
 */
export const zAnswerData = z.object({
    content: z.string(),
    forced: z.boolean()
});

/**
 * The payload of `error`.
 */
export const zErrorData = z.object({
    code: z.string(),
    message: z.string()
});

/**
 * The session moved from one state to another (see the states and their transitions).
 */
export const zStateChangedEvent = z.intersection(zEvent, z.object({
    type: z.literal('state_changed'),
    data: zStateChangedData
}));

/**
 * The agent received a message: the session's input (index 1) or a message sent while it ran, when the agent picks it up at a step boundary.
 */
export const zMessageReceivedEvent = z.intersection(zEvent, z.object({
    type: z.literal('message_received'),
    data: zMessageReceivedData
}));

/**
 * The agent started a step. `step_count` counts these.
 */
export const zStepStartedEvent = z.intersection(zEvent, z.object({
    type: z.literal('step_started'),
    data: zStepStartedData
}));

/**
 * The agent finished a step, with the tokens it used.
 */
export const zStepFinishedEvent = z.intersection(zEvent, z.object({
    type: z.literal('step_finished'),
    data: zStepFinishedData
}));

/**
 * The agent's reasoning between actions.
 */
export const zThoughtEvent = z.intersection(zEvent, z.object({
    type: z.literal('thought'),
    data: zThoughtData
}));

/**
 * The agent called a tool.
 */
export const zToolCalledEvent = z.intersection(zEvent, z.object({
    type: z.literal('tool_called'),
    data: zToolCalledData
}));

/**
 * A tool returned its result to the agent.
 */
export const zToolReturnedEvent = z.intersection(zEvent, z.object({
    type: z.literal('tool_returned'),
    data: zToolReturnedData
}));

/**
 * The agent delegated a task to a subagent; the subagent's events follow, attributed to it.
 */
export const zSubagentStartedEvent = z.intersection(zEvent, z.object({
    type: z.literal('subagent_started'),
    data: zSubagentStartedData
}));

/**
 * A subagent finished its task and reported back.
 */
export const zSubagentFinishedEvent = z.intersection(zEvent, z.object({
    type: z.literal('subagent_finished'),
    data: zSubagentFinishedData
}));

/**
 * The agent's final answer of the turn (`forced` when force-answer asked for it). The session then ends `completed`, or waits `idle` for the next message.
 */
export const zAnswerEvent = z.intersection(zEvent, z.object({
    type: z.literal('answer'),
    data: zAnswerData
}));

/**
 * The run broke; the session ends `failed` right after.
 */
export const zErrorEvent = z.intersection(zEvent, z.object({
    type: z.literal('error'),
    data: zErrorData
}));

/**
 * An event of a type this version of the API defines, discriminated by `type`.
 */
export const zKnownEvent = z.union([
    z.intersection(z.object({
        type: z.literal('state_changed')
    }), zStateChangedEvent),
    z.intersection(z.object({
        type: z.literal('message_received')
    }), zMessageReceivedEvent),
    z.intersection(z.object({
        type: z.literal('step_started')
    }), zStepStartedEvent),
    z.intersection(z.object({
        type: z.literal('step_finished')
    }), zStepFinishedEvent),
    z.intersection(z.object({
        type: z.literal('thought')
    }), zThoughtEvent),
    z.intersection(z.object({
        type: z.literal('tool_called')
    }), zToolCalledEvent),
    z.intersection(z.object({
        type: z.literal('tool_returned')
    }), zToolReturnedEvent),
    z.intersection(z.object({
        type: z.literal('subagent_started')
    }), zSubagentStartedEvent),
    z.intersection(z.object({
        type: z.literal('subagent_finished')
    }), zSubagentFinishedEvent),
    z.intersection(z.object({
        type: z.literal('answer')
    }), zAnswerEvent),
    z.intersection(z.object({
        type: z.literal('error')
    }), zErrorEvent)
]);

/**
 * The answer to a long-poll.
 */
export const zChanges = z.object({
    events: z.array(zEvent),
    next: z.int().check(z.gte(0)),
    state: zSessionState,
    turn: z.int().check(z.gte(1)),
    answer: z.nullable(z.string()),
    terminal: z.boolean()
});

export const zEventPage = z.object({
    data: z.array(zEvent),
    next: z.int().check(z.gte(0)),
    has_more: z.boolean()
});

/**
 * The error codes this version of the API defines.
 */
export const zKnownErrorCode = z.enum([
    'invalid_request',
    'unauthorized',
    'not_found',
    'invalid_state',
    'idempotency_conflict',
    'rate_limited',
    'internal_error',
    'service_unavailable'
]);

export const zFieldError = z.object({
    path: z.string(),
    message: z.string()
});

/**
 * An RFC 9457 problem details object, the one error shape of every operation.
 */
export const zProblem = z.object({
    type: z.string(),
    title: z.string(),
    status: z.int().check(z.gte(400), z.lte(599)),
    code: z.union([
        zKnownErrorCode,
        z.string()
    ]),
    detail: z.optional(z.string()),
    request_id: z.string(),
    errors: z.optional(z.array(zFieldError)),
    state: z.optional(zSessionState)
});

/**
 * The session's id.
 */
export const zSessionId2 = zSessionId;

/**
 * A key that makes a POST safe to retry: the same key with the same body replays the
 * first response without doing the work again; the same key with another body is a 409
 * `idempotency_conflict`. Keys are kept for 24 hours.
 *
 */
export const zIdempotencyKey = z.string().check(z.minLength(1), z.maxLength(255));

export const zListSessionsQuery = z.object({
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    limit: z._default(z.optional(z.int().check(z.gte(1), z.lte(100))), 20)
});

/**
 * A page of sessions.
 */
export const zListSessionsResponse = zSessionList;

export const zCreateSessionBody = zCreateSessionRequest;

export const zCreateSessionHeaders = z.object({
    'Idempotency-Key': z.optional(z.string().check(z.minLength(1), z.maxLength(255)))
});

/**
 * The session was created.
 */
export const zCreateSessionResponse = zSession;

export const zGetSessionPath = z.object({
    session_id: zSessionId
});

/**
 * The session snapshot.
 */
export const zGetSessionResponse = zSession;

export const zGetSessionChangesPath = z.object({
    session_id: zSessionId
});

export const zGetSessionChangesQuery = z.object({
    from: z._default(z.optional(z.int().check(z.gte(0))), 0),
    wait_s: z._default(z.optional(z.int().check(z.gte(0), z.lte(60))), 0)
});

/**
 * New events, the cursor for the next call, and the session's state.
 */
export const zGetSessionChangesResponse = zChanges;

export const zListSessionEventsPath = z.object({
    session_id: zSessionId
});

export const zListSessionEventsQuery = z.object({
    from: z._default(z.optional(z.int().check(z.gte(0))), 0),
    limit: z._default(z.optional(z.int().check(z.gte(1), z.lte(500))), 100)
});

/**
 * A page of events.
 */
export const zListSessionEventsResponse = zEventPage;

export const zSendSessionMessageBody = zSendMessageRequest;

export const zSendSessionMessageHeaders = z.object({
    'Idempotency-Key': z.optional(z.string().check(z.minLength(1), z.maxLength(255)))
});

export const zSendSessionMessagePath = z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zSendSessionMessageResponse = zSession;

export const zPauseSessionHeaders = z.object({
    'Idempotency-Key': z.optional(z.string().check(z.minLength(1), z.maxLength(255)))
});

export const zPauseSessionPath = z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zPauseSessionResponse = zSession;

export const zResumeSessionHeaders = z.object({
    'Idempotency-Key': z.optional(z.string().check(z.minLength(1), z.maxLength(255)))
});

export const zResumeSessionPath = z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zResumeSessionResponse = zSession;

export const zForceSessionAnswerHeaders = z.object({
    'Idempotency-Key': z.optional(z.string().check(z.minLength(1), z.maxLength(255)))
});

export const zForceSessionAnswerPath = z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zForceSessionAnswerResponse = zSession;

export const zCancelSessionHeaders = z.object({
    'Idempotency-Key': z.optional(z.string().check(z.minLength(1), z.maxLength(255)))
});

export const zCancelSessionPath = z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zCancelSessionResponse = zSession;
