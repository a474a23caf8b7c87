export type { NodeHandlerOptions, NodeRequestListener } from './to-node-handler.js';
export { toNodeHandler } from './to-node-handler.js';
