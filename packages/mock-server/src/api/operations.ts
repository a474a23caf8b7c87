/**
 * The operations of the API, by their spec `operationId`: the list and the type are derived
 * from the spec's generated operation table, so a new operation appears here by itself.
 */
import { OPERATIONS } from '@agent-sessions/protocol';

/** An operation of the API, by its spec `operationId`. */
export type OperationId = keyof typeof OPERATIONS;

/** The `operationId` of every operation in the OpenAPI document. */
export const OPERATION_IDS = Object.keys(OPERATIONS) as readonly OperationId[];
