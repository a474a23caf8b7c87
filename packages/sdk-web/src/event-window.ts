import type { SessionEvent } from '@agent-sessions/sdk-core';

/**
 * The newest `max` events of a session, appended one at a time in amortised O(1): no copy of
 * the whole log per event. {@link EventWindow.view} hands out what is kept now as a function
 * that copies it on first call only, so a snapshot pays for its `events` array once, and only
 * if somebody reads it.
 */
export class EventWindow {
  // `#items[#start..]` are the events kept. Items are only ever appended, and a compaction
  // builds a new array, so a view's captured range never changes under it.
  #items: SessionEvent[];
  #start = 0;

  constructor(
    private readonly max: number,
    initial: readonly SessionEvent[],
  ) {
    this.#items = max === 0 ? [] : initial.slice(-max);
  }

  /** Appends `event`, dropping the oldest one when more than `max` are kept. */
  push(event: SessionEvent): void {
    this.#items.push(event);
    if (this.#items.length - this.#start > this.max) this.#start += 1;
    // Dropped events are released once they outnumber the kept ones: a copy of `max` items
    // every `max` appends, O(1) per append.
    if (this.#start > 0 && this.#start >= this.#items.length - this.#start) {
      this.#items = this.#items.slice(this.#start);
      this.#start = 0;
    }
  }

  /** The events kept now, as a function that builds their frozen array once, when first called. */
  view(): () => readonly SessionEvent[] {
    const items = this.#items;
    const start = this.#start;
    const end = items.length;
    let copy: readonly SessionEvent[] | undefined;
    return () => {
      copy ??= Object.freeze(items.slice(start, end));
      return copy;
    };
  }
}
