// generated - do not edit. Source: openapi.yaml, by @hey-api/openapi-ts (zod plugin, zod/mini). Run `pnpm generate`.
/* eslint-disable */

import * as z from 'zod/mini';
import { ZodMiniISODateTime } from 'zod/mini';
import { _isoDateTime } from 'zod/v4/core';

/**
 * A session id.
 */
export const zSessionId = /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(100), /*#__PURE__*/ z.regex(/^[A-Za-z0-9_-]+$/));

/**
 * The states this version of the API defines. `queued`, `running`, `paused` and `idle`
 * are live; `completed`, `interrupted` and `failed` are terminal.
 *
 */
export const zKnownSessionState = /*#__PURE__*/ z.enum([
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
export const zSessionState = /*#__PURE__*/ z.union([
    zKnownSessionState,
    /*#__PURE__*/ z.string()
]);

/**
 * Token usage.
 */
export const zUsage = /*#__PURE__*/ z.looseObject({
    input_tokens: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0)),
    output_tokens: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0)),
    total_tokens: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0))
});

/**
 * Up to 16 string pairs of the caller's own, returned as given.
 */
export const zMetadata = /*#__PURE__*/ z.record(/*#__PURE__*/ z.string(), /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.maxLength(500))).check(/*#__PURE__*/ z.refine((value) => Object.keys(value).length <= 16, 'expected at most 16 entries'));

export const zCreateSessionRequest = /*#__PURE__*/ z.object({
    input: /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(100000)),
    idle_timeout_s: /*#__PURE__*/ z.optional(/*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0), /*#__PURE__*/ z.lte(86400))),
    metadata: /*#__PURE__*/ z.optional(zMetadata)
});

export const zSendMessageRequest = /*#__PURE__*/ z.object({
    content: /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(100000))
});

/**
 * A snapshot of a session.
 */
export const zSession = /*#__PURE__*/ z.looseObject({
    id: zSessionId,
    state: zSessionState,
    step_count: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0)),
    usage: zUsage,
    turn: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(1)),
    idle_timeout_s: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0)),
    answer: /*#__PURE__*/ z.nullable(/*#__PURE__*/ z.string()),
    created_at: /*#__PURE__*/ _isoDateTime(ZodMiniISODateTime, { offset: true }),
    updated_at: /*#__PURE__*/ _isoDateTime(ZodMiniISODateTime, { offset: true }),
    metadata: zMetadata
});

/**
 * The answer to `POST /v1/sessions/{session_id}/messages`.
 */
export const zSentMessage = /*#__PURE__*/ z.looseObject({
    message_id: /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1)),
    session: zSession
});

export const zSessionList = /*#__PURE__*/ z.looseObject({
    data: /*#__PURE__*/ z.array(zSession),
    next_cursor: /*#__PURE__*/ z.nullable(/*#__PURE__*/ z.string()),
    has_more: /*#__PURE__*/ z.boolean()
});

/**
 * The agent that produced an event; subagents have the id of the agent that started them as `parent_id`.
 */
export const zAgent = /*#__PURE__*/ z.looseObject({
    id: /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1)),
    parent_id: /*#__PURE__*/ z.nullable(/*#__PURE__*/ z.string())
});

/**
 * The event types this version of the API defines.
 */
export const zKnownEventType = /*#__PURE__*/ z.enum([
    'state_changed',
    'message_received',
    'message_dropped',
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
export const zEvent = /*#__PURE__*/ z.looseObject({
    index: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0)),
    type: /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1)),
    created_at: /*#__PURE__*/ _isoDateTime(ZodMiniISODateTime, { offset: true }),
    turn: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(1)),
    agent: zAgent,
    data: /*#__PURE__*/ z.record(/*#__PURE__*/ z.string(), /*#__PURE__*/ z.unknown())
});

/**
 * The payload of `state_changed`.
 */
export const zStateChangedData = /*#__PURE__*/ z.looseObject({
    from: /*#__PURE__*/ z.nullable(zSessionState),
    to: zSessionState,
    reason: /*#__PURE__*/ z.string()
});

/**
 * The agent picked up a message (the task itself, or one sent later).
 */
export const zMessageReceivedData = /*#__PURE__*/ z.looseObject({
    message_id: /*#__PURE__*/ z.string(),
    content: /*#__PURE__*/ z.string()
});

/**
 * A message was accepted but the session ended before the agent picked it up.
 */
export const zMessageDroppedData = /*#__PURE__*/ z.looseObject({
    message_id: /*#__PURE__*/ z.string(),
    reason: /*#__PURE__*/ z.string()
});

/**
 * The payload of `step_started`.
 */
export const zStepStartedData = /*#__PURE__*/ z.looseObject({
    step: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(1))
});

/**
 * The payload of `step_finished`.
 */
export const zStepFinishedData = /*#__PURE__*/ z.looseObject({
    step: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(1)),
    usage: zUsage
});

/**
 * The payload of `thought`.
 */
export const zThoughtData = /*#__PURE__*/ z.looseObject({
    content: /*#__PURE__*/ z.string()
});

/**
 * The payload of `tool_called`.
 */
export const zToolCalledData = /*#__PURE__*/ z.looseObject({
    call_id: /*#__PURE__*/ z.string(),
    tool: /*#__PURE__*/ z.string(),
    input: /*#__PURE__*/ z.record(/*#__PURE__*/ z.string(), /*#__PURE__*/ z.unknown())
});

/**
 * The payload of `tool_returned`.
 */
export const zToolReturnedData = /*#__PURE__*/ z.looseObject({
    call_id: /*#__PURE__*/ z.string(),
    tool: /*#__PURE__*/ z.string(),
    output: /*#__PURE__*/ z.string(),
    is_error: /*#__PURE__*/ z.boolean()
});

/**
 * The payload of `subagent_started`.
 */
export const zSubagentStartedData = /*#__PURE__*/ z.looseObject({
    subagent_id: /*#__PURE__*/ z.string(),
    task: /*#__PURE__*/ z.string()
});

/**
 * The payload of `subagent_finished`.
 */
export const zSubagentFinishedData = /*#__PURE__*/ z.looseObject({
    subagent_id: /*#__PURE__*/ z.string(),
    result: /*#__PURE__*/ z.string()
});

/**
 * The payload of `answer`.
 */
export const zAnswerData = /*#__PURE__*/ z.looseObject({
    content: /*#__PURE__*/ z.string(),
    forced: /*#__PURE__*/ z.boolean()
});

/**
 * The payload of `error`.
 */
export const zErrorData = /*#__PURE__*/ z.looseObject({
    code: /*#__PURE__*/ z.string(),
    message: /*#__PURE__*/ z.string()
});

/**
 * The session moved from one state to another (see the states and their transitions).
 */
export const zStateChangedEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('state_changed'),
    data: zStateChangedData
}));

/**
 * The agent received a message: the session's input (index 1) or a message sent while it ran, when the agent picks it up at a step boundary.
 */
export const zMessageReceivedEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('message_received'),
    data: zMessageReceivedData
}));

/**
 * A sent message never reached the agent: the session ended first.
 */
export const zMessageDroppedEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('message_dropped'),
    data: zMessageDroppedData
}));

/**
 * The agent started a step. `step_count` counts these.
 */
export const zStepStartedEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('step_started'),
    data: zStepStartedData
}));

/**
 * The agent finished a step, with the tokens it used.
 */
export const zStepFinishedEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('step_finished'),
    data: zStepFinishedData
}));

/**
 * The agent's reasoning between actions.
 */
export const zThoughtEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('thought'),
    data: zThoughtData
}));

/**
 * The agent called a tool.
 */
export const zToolCalledEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('tool_called'),
    data: zToolCalledData
}));

/**
 * A tool returned its result to the agent.
 */
export const zToolReturnedEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('tool_returned'),
    data: zToolReturnedData
}));

/**
 * The agent delegated a task to a subagent; the subagent's events follow, attributed to it.
 */
export const zSubagentStartedEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('subagent_started'),
    data: zSubagentStartedData
}));

/**
 * A subagent finished its task and reported back.
 */
export const zSubagentFinishedEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('subagent_finished'),
    data: zSubagentFinishedData
}));

/**
 * The agent's final answer of the turn (`forced` when force-answer asked for it). The session then ends `completed`, or waits `idle` for the next message.
 */
export const zAnswerEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('answer'),
    data: zAnswerData
}));

/**
 * The run broke; the session ends `failed` right after.
 */
export const zErrorEvent = /*#__PURE__*/ z.intersection(zEvent, /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.literal('error'),
    data: zErrorData
}));

/**
 * An event of a type this version of the API defines, discriminated by `type`.
 */
export const zKnownEvent = /*#__PURE__*/ z.union([
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('state_changed')
    }), zStateChangedEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('message_received')
    }), zMessageReceivedEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('message_dropped')
    }), zMessageDroppedEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('step_started')
    }), zStepStartedEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('step_finished')
    }), zStepFinishedEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('thought')
    }), zThoughtEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('tool_called')
    }), zToolCalledEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('tool_returned')
    }), zToolReturnedEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('subagent_started')
    }), zSubagentStartedEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('subagent_finished')
    }), zSubagentFinishedEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('answer')
    }), zAnswerEvent),
    /*#__PURE__*/ z.intersection(/*#__PURE__*/ z.looseObject({
        type: /*#__PURE__*/ z.literal('error')
    }), zErrorEvent)
]);

/**
 * The answer to a long-poll.
 */
export const zChanges = /*#__PURE__*/ z.looseObject({
    events: /*#__PURE__*/ z.array(zEvent),
    next: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0)),
    state: zSessionState,
    turn: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(1)),
    answer: /*#__PURE__*/ z.nullable(/*#__PURE__*/ z.string()),
    terminal: /*#__PURE__*/ z.boolean()
});

export const zEventPage = /*#__PURE__*/ z.looseObject({
    data: /*#__PURE__*/ z.array(zEvent),
    next: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0)),
    has_more: /*#__PURE__*/ z.boolean()
});

/**
 * The scopes a session token can carry in this version of the API.
 */
export const zKnownTokenScope = /*#__PURE__*/ z.enum(['read', 'steer']);

/**
 * A session token scope. Servers may add scopes; clients must accept ones they do not know.
 */
export const zTokenScope = /*#__PURE__*/ z.union([
    zKnownTokenScope,
    /*#__PURE__*/ z.string()
]);

/**
 * What a token may do, each scope once.
 */
export const zRequestedTokenScopes = /*#__PURE__*/ z.array(zKnownTokenScope).check(/*#__PURE__*/ z.minLength(1)).check(/*#__PURE__*/ z.refine((value) => new Set(value).size === value.length, 'expected each item once'));

export const zCreateSessionTokenRequest = /*#__PURE__*/ z.object({
    scopes: zRequestedTokenScopes,
    expires_in_s: /*#__PURE__*/ z._default(/*#__PURE__*/ z.optional(/*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(1), /*#__PURE__*/ z.lte(3600))), 900)
});

/**
 * A session token, as minted by `POST /v1/sessions/{session_id}/tokens`.
 */
export const zSessionToken = /*#__PURE__*/ z.looseObject({
    token: /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1)),
    session_id: zSessionId,
    scopes: /*#__PURE__*/ z.array(zTokenScope),
    expires_at: /*#__PURE__*/ _isoDateTime(ZodMiniISODateTime, { offset: true })
});

/**
 * The error codes this version of the API defines.
 */
export const zKnownErrorCode = /*#__PURE__*/ z.enum([
    'invalid_request',
    'unauthorized',
    'token_expired',
    'permission_denied',
    'not_found',
    'invalid_state',
    'idempotency_conflict',
    'rate_limited',
    'internal_error',
    'service_unavailable'
]);

export const zFieldError = /*#__PURE__*/ z.looseObject({
    path: /*#__PURE__*/ z.string(),
    message: /*#__PURE__*/ z.string()
});

/**
 * An RFC 9457 problem details object, the one error shape of every operation.
 */
export const zProblem = /*#__PURE__*/ z.looseObject({
    type: /*#__PURE__*/ z.string(),
    title: /*#__PURE__*/ z.string(),
    status: /*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(400), /*#__PURE__*/ z.lte(599)),
    code: /*#__PURE__*/ z.union([
        zKnownErrorCode,
        /*#__PURE__*/ z.string()
    ]),
    detail: /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string()),
    request_id: /*#__PURE__*/ z.string(),
    errors: /*#__PURE__*/ z.optional(/*#__PURE__*/ z.array(zFieldError)),
    state: /*#__PURE__*/ z.optional(zSessionState)
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
export const zIdempotencyKey = /*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(255));

export const zListSessionsQuery = /*#__PURE__*/ z.object({
    cursor: /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(200))),
    limit: /*#__PURE__*/ z._default(/*#__PURE__*/ z.optional(/*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(1), /*#__PURE__*/ z.lte(100))), 20)
});

/**
 * A page of sessions.
 */
export const zListSessionsResponse = zSessionList;

export const zCreateSessionBody = zCreateSessionRequest;

export const zCreateSessionHeaders = /*#__PURE__*/ z.object({
    'Idempotency-Key': /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(255)))
});

/**
 * The session was created.
 */
export const zCreateSessionResponse = zSession;

export const zGetSessionPath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

/**
 * The session snapshot.
 */
export const zGetSessionResponse = zSession;

export const zGetSessionChangesPath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

export const zGetSessionChangesQuery = /*#__PURE__*/ z.object({
    from: /*#__PURE__*/ z._default(/*#__PURE__*/ z.optional(/*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0))), 0),
    wait_s: /*#__PURE__*/ z._default(/*#__PURE__*/ z.optional(/*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0), /*#__PURE__*/ z.lte(60))), 0)
});

/**
 * New events, the cursor for the next call, and the session's state.
 */
export const zGetSessionChangesResponse = zChanges;

export const zListSessionEventsPath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

export const zListSessionEventsQuery = /*#__PURE__*/ z.object({
    from: /*#__PURE__*/ z._default(/*#__PURE__*/ z.optional(/*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(0))), 0),
    limit: /*#__PURE__*/ z._default(/*#__PURE__*/ z.optional(/*#__PURE__*/ z.int().check(/*#__PURE__*/ z.gte(1), /*#__PURE__*/ z.lte(500))), 100)
});

/**
 * A page of events.
 */
export const zListSessionEventsResponse = zEventPage;

export const zSendSessionMessageBody = zSendMessageRequest;

export const zSendSessionMessageHeaders = /*#__PURE__*/ z.object({
    'Idempotency-Key': /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(255)))
});

export const zSendSessionMessagePath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

/**
 * The message was accepted; its id and the session after it.
 */
export const zSendSessionMessageResponse = zSentMessage;

export const zPauseSessionHeaders = /*#__PURE__*/ z.object({
    'Idempotency-Key': /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(255)))
});

export const zPauseSessionPath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zPauseSessionResponse = zSession;

export const zResumeSessionHeaders = /*#__PURE__*/ z.object({
    'Idempotency-Key': /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(255)))
});

export const zResumeSessionPath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zResumeSessionResponse = zSession;

export const zForceSessionAnswerHeaders = /*#__PURE__*/ z.object({
    'Idempotency-Key': /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(255)))
});

export const zForceSessionAnswerPath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zForceSessionAnswerResponse = zSession;

export const zCancelSessionHeaders = /*#__PURE__*/ z.object({
    'Idempotency-Key': /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(255)))
});

export const zCancelSessionPath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

/**
 * The session after the operation.
 */
export const zCancelSessionResponse = zSession;

export const zCreateSessionTokenBody = zCreateSessionTokenRequest;

export const zCreateSessionTokenHeaders = /*#__PURE__*/ z.object({
    'Idempotency-Key': /*#__PURE__*/ z.optional(/*#__PURE__*/ z.string().check(/*#__PURE__*/ z.minLength(1), /*#__PURE__*/ z.maxLength(255)))
});

export const zCreateSessionTokenPath = /*#__PURE__*/ z.object({
    session_id: zSessionId
});

/**
 * The token was minted.
 */
export const zCreateSessionTokenResponse = zSessionToken;
