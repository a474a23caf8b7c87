import { expect, test } from 'vitest';
import { LANE_COLOURS, LaneMap } from '../src/lanes';

test('nests each subagent one level under its parent, in a colour of its own', () => {
  const lanes = new LaneMap();
  expect(lanes.laneOf({ id: 'main', parent_id: null })).toEqual({
    agentId: 'main',
    depth: 0,
    colour: 0,
  });
  expect(lanes.laneOf({ id: 'a', parent_id: 'main' })).toEqual({
    agentId: 'a',
    depth: 1,
    colour: 1,
  });
  expect(lanes.laneOf({ id: 'a1', parent_id: 'a' })).toEqual({
    agentId: 'a1',
    depth: 2,
    colour: 2,
  });
  expect(lanes.laneOf({ id: 'b', parent_id: 'main' })).toEqual({
    agentId: 'b',
    depth: 1,
    colour: 3,
  });
});

test('keeps an agent in the lane it got first', () => {
  const lanes = new LaneMap();
  const first = lanes.laneOf({ id: 'main', parent_id: null });
  lanes.laneOf({ id: 'a', parent_id: 'main' });
  expect(lanes.laneOf({ id: 'main', parent_id: null })).toBe(first);
});

test('nests a subagent whose parent it has not seen one level down', () => {
  expect(new LaneMap().laneOf({ id: 'a', parent_id: 'elsewhere' }).depth).toBe(1);
});

test('reuses the colours once every one is taken', () => {
  const lanes = new LaneMap();
  const colours = Array.from(
    { length: LANE_COLOURS + 1 },
    (_, i) => lanes.laneOf({ id: `agent_${i}`, parent_id: null }).colour,
  );
  expect(colours.at(-1)).toBe(0);
  expect(new Set(colours).size).toBe(LANE_COLOURS);
});
