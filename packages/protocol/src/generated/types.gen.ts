// generated - do not edit. Source: openapi.yaml, by openapi-typescript. Run `pnpm generate`.
/* eslint-disable */

export type paths = {
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sessions
         * @description Lists sessions, newest first, one page at a time. Pass `next_cursor` back as `cursor` for the next page.
         */
        get: operations["listSessions"];
        put?: never;
        /**
         * Start a session
         * @description Creates a session and returns at once, before the agent takes its first step.
         *     Without `idle_timeout_s` the session completes as soon as the agent answers; with it,
         *     the session waits `idle_timeout_s` seconds in `idle` after each answer for the next message.
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * Get a session's status
         * @description A small snapshot: state, step count, token usage, turn and timestamps. Cheap enough to
         *     poll on an interval for progress indicators and terminal detection.
         */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * Long-poll for new events
         * @description Returns the events with `index >= from`. When there are none yet and the session is
         *     not terminal, the request blocks until one is appended or `wait_s` seconds pass, then
         *     returns (possibly with no events). Pass `next` as `from` on the next call. Asking again
         *     with the same `from` returns the same events, so a lost response loses nothing.
         *     `answer` is the latest final answer once it has landed.
         */
        get: operations["getSessionChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * List a session's events
         * @description The complete record of everything the agent observed and did, in index order, one page at a time.
         */
        get: operations["listSessionEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message
         * @description Adds context or redirects the agent; it is picked up on the next step. A message to an
         *     `idle` session starts the next turn; a message to a `paused` session resumes it.
         *     The response names the message (`message_id`): the `message_received` event carries the
         *     same id when the agent picks it up, and a session that ends before picking it up logs a
         *     `message_dropped` event with that id instead.
         */
        post: operations["sendSessionMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a session
         * @description Halts the agent with its state preserved. Pausing a paused session is a no-op that returns the session.
         */
        post: operations["pauseSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused session
         * @description Continues a paused session from where it halted. Resuming a session that is not paused is a no-op that returns the session.
         */
        post: operations["resumeSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/force-answer": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Force an answer
         * @description Tells the agent to stop exploring and commit to a final answer from what it has so far.
         *     The agent answers on its next step; the `answer` event has `forced: true`. A paused
         *     session is resumed to do so.
         */
        post: operations["forceSessionAnswer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a session
         * @description Stops the session for good; it ends `interrupted`. Cancelling an `interrupted` session
         *     is idempotent and returns it; cancelling a `completed` or `failed` session is a 409.
         */
        post: operations["cancelSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a session token
         * @description Mints a short-lived **session token** for this one session, with the scopes asked for:
         *     `read` (status, changes, events) and/or `steer` (messages, pause, resume, force-answer,
         *     cancel). A backend calls it with the account key and hands the token to a browser page,
         *     which then calls the API directly (`Authorization: Bearer <token>`) without ever seeing
         *     the key. The token expires `expires_in_s` seconds after it is minted (on the server's
         *     clock); a request with an expired token is a 401 `token_expired`, and the page asks its
         *     backend for a new one. A token used on any other session gets a 404 `not_found`, and it
         *     can never list sessions, start one or mint tokens (403 `permission_denied`). Only the
         *     account key mints tokens. Tokens are not revoked when the session ends: they read a
         *     finished session until they expire.
         */
        post: operations["createSessionToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /**
         * @description A session id.
         * @example ses_01JD8Z3Q4R
         */
        SessionId: string;
        /**
         * @description The states this version of the API defines. `queued`, `running`, `paused` and `idle`
         *     are live; `completed`, `interrupted` and `failed` are terminal.
         * @enum {string}
         */
        KnownSessionState: "queued" | "running" | "paused" | "idle" | "completed" | "interrupted" | "failed";
        /** @description A session state. Servers may add states; clients must accept ones they do not know. */
        SessionState: components["schemas"]["KnownSessionState"] | string;
        /** @description Token usage. */
        Usage: {
            /** @description Tokens the model read. */
            input_tokens: number;
            /** @description Tokens the model wrote. */
            output_tokens: number;
            /** @description The sum of the two. */
            total_tokens: number;
        };
        /** @description Up to 16 string pairs of the caller's own, returned as given. */
        Metadata: {
            [key: string]: string;
        };
        CreateSessionRequest: {
            /** @description The task or first message for the agent. */
            input: string;
            /** @description Seconds to wait in `idle` for the next message after each answer; 0 or absent ends the session on its first answer. */
            idle_timeout_s?: number;
            metadata?: components["schemas"]["Metadata"];
        };
        SendMessageRequest: {
            /** @description The message for the agent. */
            content: string;
        };
        /** @description A snapshot of a session. */
        Session: {
            /** @description The session's id, e.g. `ses_01JD8Z3Q4R`. */
            id: components["schemas"]["SessionId"];
            /** @description The state the session is in now. */
            state: components["schemas"]["SessionState"];
            /**
             * @description The number of steps the session has started so far, over all turns: the number of
             *     `step_started` events in its log (a step in progress counts).
             */
            step_count: number;
            usage: components["schemas"]["Usage"];
            /** @description The current turn, from 1; each message to an `idle` session starts the next. */
            turn: number;
            /** @description The session's idle window in seconds (0 = none). */
            idle_timeout_s: number;
            /** @description The latest final answer, or null before the first. */
            answer: string | null;
            /**
             * Format: date-time
             * @description When the session was created.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When its last event was appended.
             */
            updated_at: string;
            metadata: components["schemas"]["Metadata"];
        };
        /** @description The answer to `POST /v1/sessions/{session_id}/messages`. */
        SentMessage: {
            /** @description The message's id; `message_received` (or `message_dropped`) events carry it. */
            message_id: string;
            session: components["schemas"]["Session"];
        };
        SessionList: {
            data: components["schemas"]["Session"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
            has_more: boolean;
        };
        /** @description The agent that produced an event; subagents have the id of the agent that started them as `parent_id`. */
        Agent: {
            /** @description The agent's id; the session's own agent is `main`. */
            id: string;
            /** @description The id of the agent that started this subagent; null for the session's own agent. */
            parent_id: string | null;
        };
        /**
         * @description The event types this version of the API defines.
         * @enum {string}
         */
        KnownEventType: "state_changed" | "message_received" | "message_dropped" | "step_started" | "step_finished" | "thought" | "tool_called" | "tool_returned" | "subagent_started" | "subagent_finished" | "answer" | "error";
        /**
         * @description One entry of a session's event log. `index` is dense from 0 and never changes. The
         *     shape of `data` depends on `type`; see the `*Event` schemas for the known types.
         *     Servers may add types and fields: clients must surface events they do not know.
         */
        Event: {
            /** @description The event's position in the session's log, from 0, with no gaps; the cursor `from` of `changes` and `events` counts in it. */
            index: number;
            /** @description What happened, e.g. `step_started`; decides the shape of `data`. */
            type: string;
            /**
             * Format: date-time
             * @description When it happened (server time).
             */
            created_at: string;
            /** @description The turn the event belongs to, from 1. */
            turn: number;
            agent: components["schemas"]["Agent"];
            /** @description The type's payload; see each type. */
            data: {
                [key: string]: unknown;
            };
        };
        /** @description The payload of `state_changed`. */
        StateChangedData: {
            /** @description The previous state; null for the first event. */
            from: components["schemas"]["SessionState"] | null;
            /** @description The new state. */
            to: components["schemas"]["SessionState"];
            /** @description Why the state changed, e.g. `created`, `started`, `answered`, `paused`, `resumed`, `message`, `cancelled`, `idle_timeout`, `failed`. */
            reason: string;
        };
        /** @description The agent picked up a message (the task itself, or one sent later). */
        MessageReceivedData: {
            /** @description The message's id, as the send response named it (the session's input has one too). */
            message_id: string;
            /** @description The text of the message. */
            content: string;
        };
        /** @description A message was accepted but the session ended before the agent picked it up. */
        MessageDroppedData: {
            /** @description The message's id, as the send response named it. */
            message_id: string;
            /** @description Why it was not delivered; the reason of the session's final state change, e.g. `cancelled`, `failed`, `answered`. */
            reason: string;
        };
        /** @description The payload of `step_started`. */
        StepStartedData: {
            /** @description The session-wide step number, from 1. */
            step: number;
        };
        /** @description The payload of `step_finished`. */
        StepFinishedData: {
            /** @description The number of the step that finished (its `step_started` has the same). */
            step: number;
            /** @description The tokens this step used; the session's `usage` is the sum over its steps. */
            usage: components["schemas"]["Usage"];
        };
        /** @description The payload of `thought`. */
        ThoughtData: {
            /** @description The agent's reasoning, as text. */
            content: string;
        };
        /** @description The payload of `tool_called`. */
        ToolCalledData: {
            /** @description Pairs the call with its `tool_returned`. */
            call_id: string;
            /** @description The tool's name, e.g. `web_search`. */
            tool: string;
            /** @description The arguments the agent passed. */
            input: {
                [key: string]: unknown;
            };
        };
        /** @description The payload of `tool_returned`. */
        ToolReturnedData: {
            /** @description The `call_id` of the `tool_called` this answers. */
            call_id: string;
            /** @description The tool's name. */
            tool: string;
            /** @description What the tool returned, as text. */
            output: string;
            /** @description True when the tool failed; `output` then says why. */
            is_error: boolean;
        };
        /** @description The payload of `subagent_started`. */
        SubagentStartedData: {
            /** @description The new subagent's id: its events have it as `agent.id`. */
            subagent_id: string;
            /** @description What the subagent was asked to do. */
            task: string;
        };
        /** @description The payload of `subagent_finished`. */
        SubagentFinishedData: {
            /** @description The subagent that finished. */
            subagent_id: string;
            /** @description What it reported back to the agent that started it. */
            result: string;
        };
        /** @description The payload of `answer`. */
        AnswerData: {
            /** @description The final answer of the turn. */
            content: string;
            /** @description True when the answer was forced with force-answer. */
            forced: boolean;
        };
        /** @description The payload of `error`. */
        ErrorData: {
            /** @description A stable machine-readable code, e.g. `tool_crashed`. */
            code: string;
            /** @description What went wrong, for people. */
            message: string;
        };
        /** @description The session moved from one state to another (see the states and their transitions). */
        StateChangedEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "state_changed";
            data: components["schemas"]["StateChangedData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "state_changed";
        };
        /** @description The agent received a message: the session's input (index 1) or a message sent while it ran, when the agent picks it up at a step boundary. */
        MessageReceivedEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "message_received";
            data: components["schemas"]["MessageReceivedData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message_received";
        };
        /** @description A sent message never reached the agent: the session ended first. */
        MessageDroppedEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "message_dropped";
            data: components["schemas"]["MessageDroppedData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message_dropped";
        };
        /** @description The agent started a step. `step_count` counts these. */
        StepStartedEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "step_started";
            data: components["schemas"]["StepStartedData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "step_started";
        };
        /** @description The agent finished a step, with the tokens it used. */
        StepFinishedEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "step_finished";
            data: components["schemas"]["StepFinishedData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "step_finished";
        };
        /** @description The agent's reasoning between actions. */
        ThoughtEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "thought";
            data: components["schemas"]["ThoughtData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "thought";
        };
        /** @description The agent called a tool. */
        ToolCalledEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "tool_called";
            data: components["schemas"]["ToolCalledData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "tool_called";
        };
        /** @description A tool returned its result to the agent. */
        ToolReturnedEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "tool_returned";
            data: components["schemas"]["ToolReturnedData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "tool_returned";
        };
        /** @description The agent delegated a task to a subagent; the subagent's events follow, attributed to it. */
        SubagentStartedEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "subagent_started";
            data: components["schemas"]["SubagentStartedData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "subagent_started";
        };
        /** @description A subagent finished its task and reported back. */
        SubagentFinishedEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "subagent_finished";
            data: components["schemas"]["SubagentFinishedData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "subagent_finished";
        };
        /** @description The agent's final answer of the turn (`forced` when force-answer asked for it). The session then ends `completed`, or waits `idle` for the next message. */
        AnswerEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "answer";
            data: components["schemas"]["AnswerData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "answer";
        };
        /** @description The run broke; the session ends `failed` right after. */
        ErrorEvent: components["schemas"]["Event"] & {
            /** @constant */
            type: "error";
            data: components["schemas"]["ErrorData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "error";
        };
        /** @description An event of a type this version of the API defines, discriminated by `type`. */
        KnownEvent: components["schemas"]["StateChangedEvent"] | components["schemas"]["MessageReceivedEvent"] | components["schemas"]["MessageDroppedEvent"] | components["schemas"]["StepStartedEvent"] | components["schemas"]["StepFinishedEvent"] | components["schemas"]["ThoughtEvent"] | components["schemas"]["ToolCalledEvent"] | components["schemas"]["ToolReturnedEvent"] | components["schemas"]["SubagentStartedEvent"] | components["schemas"]["SubagentFinishedEvent"] | components["schemas"]["AnswerEvent"] | components["schemas"]["ErrorEvent"];
        /** @description The answer to a long-poll. */
        Changes: {
            /** @description The events with `index >= from`, in order; empty when the wait bound passed. */
            events: components["schemas"]["Event"][];
            /** @description The `from` to pass on the next call. */
            next: number;
            state: components["schemas"]["SessionState"];
            turn: number;
            /** @description The latest final answer once it has landed, else null. */
            answer: string | null;
            /** @description True when the session has ended; no more events will follow. */
            terminal: boolean;
        };
        EventPage: {
            data: components["schemas"]["Event"][];
            /** @description The `from` of the next page. */
            next: number;
            /** @description True when events past this page exist now. */
            has_more: boolean;
        };
        /**
         * @description The scopes a session token can carry in this version of the API.
         * @enum {string}
         */
        KnownTokenScope: "read" | "steer";
        /** @description A session token scope. Servers may add scopes; clients must accept ones they do not know. */
        TokenScope: components["schemas"]["KnownTokenScope"] | string;
        /** @description What a token may do, each scope once. */
        RequestedTokenScopes: components["schemas"]["KnownTokenScope"][];
        CreateSessionTokenRequest: {
            scopes: components["schemas"]["RequestedTokenScopes"];
            /**
             * @description Seconds until the token expires, from when it is minted.
             * @default 900
             */
            expires_in_s: number;
        };
        /** @description A session token, as minted by `POST /v1/sessions/{session_id}/tokens`. */
        SessionToken: {
            /** @description The token, to send as `Authorization: Bearer <token>`. A secret, like the key, but only for this session and these scopes, until `expires_at`. */
            token: string;
            /** @description The one session the token is for. */
            session_id: components["schemas"]["SessionId"];
            /** @description What the token may do. */
            scopes: components["schemas"]["TokenScope"][];
            /**
             * Format: date-time
             * @description When the token stops working (server clock); a request from then on is a 401 `token_expired`.
             */
            expires_at: string;
        };
        /**
         * @description The error codes this version of the API defines.
         * @enum {string}
         */
        KnownErrorCode: "invalid_request" | "unauthorized" | "token_expired" | "permission_denied" | "not_found" | "invalid_state" | "idempotency_conflict" | "rate_limited" | "internal_error" | "service_unavailable";
        FieldError: {
            /** @description Where the bad value is, e.g. `body.input` or `query.limit`. */
            path: string;
            /** @description What is wrong with the value. */
            message: string;
        };
        /** @description An RFC 9457 problem details object, the one error shape of every operation. */
        Problem: {
            /**
             * Format: uri-reference
             * @description A URI reference that identifies the problem type (RFC 9457); may be `about:blank` or relative.
             */
            type: string;
            /** @description A short summary of the problem type, e.g. `Invalid state`. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description A stable machine-readable code. Servers may add codes. */
            code: components["schemas"]["KnownErrorCode"] | string;
            /** @description What went wrong in this request, for people. */
            detail?: string;
            /** @description The request's id (also the `X-Request-Id` header); quote it when reporting a problem. */
            request_id: string;
            /** @description For `invalid_request`, one entry per offending field. */
            errors?: components["schemas"]["FieldError"][];
            /** @description For `invalid_state`, the state the session is in. */
            state?: components["schemas"]["SessionState"];
        };
    };
    responses: {
        /** @description The session after the operation. */
        SessionAfterControl: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Session"];
            };
        };
        /** @description The request is malformed; `errors` names each offending field. */
        InvalidRequest: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The API key or session token is missing or not valid (`unauthorized`), or the session
         *     token has expired (`token_expired`: ask for a fresh one and send the request again).
         */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The credential is valid but may not do this: a session token used for an operation
         *     outside its scopes, or for an operation no token may call (listing or starting
         *     sessions, minting tokens).
         */
        PermissionDenied: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No session has this id (with a session token, also any session but its own). */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The session's state does not allow the operation (`invalid_state`, with `state`), or an idempotency key was reused with another body (`idempotency_conflict`). */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The idempotency key was already used with another body. */
        IdempotencyConflict: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests; wait `Retry-After` seconds. */
        RateLimited: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The server failed; the request may be retried. */
        ServerError: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The service is briefly unavailable; the request may be retried. */
        ServiceUnavailable: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The session's id. */
        SessionId: components["schemas"]["SessionId"];
        /**
         * @description A key that makes a POST safe to retry: the same key with the same body replays the
         *     first response without doing the work again; the same key with another body is a 409
         *     `idempotency_conflict`. Keys are kept for 24 hours.
         */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description The id of this request, also in every problem body as `request_id`. */
        RequestId: string;
        /** @description Seconds to wait before trying again. */
        RetryAfter: number;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    listSessions: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; absent for the first page. */
                cursor?: string;
                /** @description How many sessions a page holds at most. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sessions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionList"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key that makes a POST safe to retry: the same key with the same body replays the
                 *     first response without doing the work again; the same key with another body is a 409
                 *     `idempotency_conflict`. Keys are kept for 24 hours.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSessionRequest"];
            };
        };
        responses: {
            /** @description The session was created. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session snapshot. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSessionChanges: {
        parameters: {
            query?: {
                /** @description The first event index wanted (the `next` of the previous call). */
                from?: number;
                /** @description How long to block, in seconds, when there is nothing new yet. */
                wait_s?: number;
            };
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description New events, the cursor for the next call, and the session's state. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Changes"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listSessionEvents: {
        parameters: {
            query?: {
                /** @description The first event index of the page. */
                from?: number;
                /** @description How many events a page holds at most. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    sendSessionMessage: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key that makes a POST safe to retry: the same key with the same body replays the
                 *     first response without doing the work again; the same key with another body is a 409
                 *     `idempotency_conflict`. Keys are kept for 24 hours.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageRequest"];
            };
        };
        responses: {
            /** @description The message was accepted; its id and the session after it. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentMessage"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    pauseSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key that makes a POST safe to retry: the same key with the same body replays the
                 *     first response without doing the work again; the same key with another body is a 409
                 *     `idempotency_conflict`. Keys are kept for 24 hours.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionAfterControl"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resumeSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key that makes a POST safe to retry: the same key with the same body replays the
                 *     first response without doing the work again; the same key with another body is a 409
                 *     `idempotency_conflict`. Keys are kept for 24 hours.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionAfterControl"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    forceSessionAnswer: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key that makes a POST safe to retry: the same key with the same body replays the
                 *     first response without doing the work again; the same key with another body is a 409
                 *     `idempotency_conflict`. Keys are kept for 24 hours.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionAfterControl"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key that makes a POST safe to retry: the same key with the same body replays the
                 *     first response without doing the work again; the same key with another body is a 409
                 *     `idempotency_conflict`. Keys are kept for 24 hours.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionAfterControl"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createSessionToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key that makes a POST safe to retry: the same key with the same body replays the
                 *     first response without doing the work again; the same key with another body is a 409
                 *     `idempotency_conflict`. Keys are kept for 24 hours.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The session's id. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSessionTokenRequest"];
            };
        };
        responses: {
            /** @description The token was minted. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionToken"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["PermissionDenied"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
