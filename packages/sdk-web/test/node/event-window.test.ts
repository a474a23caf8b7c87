import { describe, expect, test } from 'vitest';
import { EventWindow } from '../../src/event-window.ts';
import type { SessionEvent } from '../../src/index.ts';

const event = (index: number) => ({ index }) as SessionEvent;

describe('EventWindow', () => {
  test.each([0, 1, 7, 1000, Number.POSITIVE_INFINITY])(
    'max %s: every view keeps the newest events of its moment, even after later appends compact the window',
    (max) => {
      const kept = new EventWindow(max, [event(-3), event(-2), event(-1)]);
      const all = [-3, -2, -1];
      const views: Array<{ read: () => readonly SessionEvent[]; expected: number[] }> = [];
      const newest = () => (max === 0 ? [] : all.slice(-max));
      views.push({ read: kept.view(), expected: newest() });
      for (let index = 0; index < 500; index += 1) {
        kept.push(event(index));
        all.push(index);
        // Read some views at once and some only at the end, after many more appends.
        const view = { read: kept.view(), expected: newest() };
        if (index % 3 === 0) expect(view.read().map((e) => e.index)).toEqual(view.expected);
        views.push(view);
      }
      for (const { read, expected } of views) {
        expect(read().map((e) => e.index)).toEqual(expected);
        expect(Object.isFrozen(read())).toBe(true);
        expect(read()).toBe(read());
      }
    },
  );
});
