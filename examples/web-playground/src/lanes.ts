import type { Agent } from '@agent-sessions/react';

/** Where an agent's events are drawn: nested under its parent, in its own colour. */
export interface Lane {
  /** The agent's id (`event.agent.id`). */
  agentId: string;
  /** 0 for the main agent, 1 for its subagents, 2 for theirs... */
  depth: number;
  /** Which of the {@link LANE_COLOURS} colours; agents get them in the order they first appear. */
  colour: number;
}

/** How many lane colours the stylesheet defines (`.lane-0` ... `.lane-5`). */
export const LANE_COLOURS = 6;

/**
 * Gives every agent of a session a lane, from the `agent` of its events: a subagent sits one
 * level under the agent named by its `parent_id`.
 *
 * @example
 * const lanes = new LaneMap();
 * lanes.laneOf({ id: 'main', parent_id: null }); // { agentId: 'main', depth: 0, colour: 0 }
 * lanes.laneOf({ id: 'researcher_1', parent_id: 'main' }); // { ..., depth: 1, colour: 1 }
 */
export class LaneMap {
  readonly #lanes = new Map<string, Lane>();

  /** The lane of `agent`, made on first sight. */
  laneOf(agent: Agent): Lane {
    const known = this.#lanes.get(agent.id);
    if (known) return known;
    // A parent not seen yet (its events came first from another page) still nests the child.
    const parentDepth =
      agent.parent_id === null ? -1 : (this.#lanes.get(agent.parent_id)?.depth ?? 0);
    const lane = {
      agentId: agent.id,
      depth: parentDepth + 1,
      colour: this.#lanes.size % LANE_COLOURS,
    };
    this.#lanes.set(agent.id, lane);
    return lane;
  }
}
