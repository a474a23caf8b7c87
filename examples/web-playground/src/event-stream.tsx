import type { SessionEvent } from '@agent-sessions/react';
import { type CSSProperties, memo, useLayoutEffect, useRef } from 'react';
import { describeEvent } from './describe-event';
import { LaneMap } from './lanes';

/** One event of the stream, in its agent's lane (drawn once: events never change). */
const EventRow = memo(function EventRow({
  event,
  depth,
  colour,
}: {
  event: SessionEvent;
  depth: number;
  colour: number;
}) {
  const { kind, label, text, marker } = describeEvent(event);
  return (
    <li
      className={`event kind-${kind} lane-${colour}`}
      style={{ '--depth': String(depth) } as CSSProperties}
      data-type={event.type}
      data-agent={event.agent.id}
      data-index={event.index}
    >
      <div className="event-head">
        <span className="event-index">#{event.index}</span>
        <span className="event-agent">{event.agent.id}</span>
        <span className="event-label">{label}</span>
        {marker && <span className={`marker marker-${marker.replace(/\W+/g, '-')}`}>{marker}</span>}
      </div>
      <p className="event-text">{text}</p>
    </li>
  );
});

/**
 * The event stream card: every event with each subagent in its own nested, coloured lane.
 * It follows new events while the reader is at the bottom, and holds still when they scrolled up.
 */
export function EventStream({ events }: { events: readonly SessionEvent[] }) {
  const scroll = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lanes = new LaneMap();

  useLayoutEffect(() => {
    const box = scroll.current;
    if (box && atBottom.current && events.length > 0) box.scrollTop = box.scrollHeight;
  }, [events]);

  return (
    <section className="card stream" aria-labelledby="stream-title">
      <h2 id="stream-title">
        Event stream{' '}
        <span id="event-count" className="count">
          {events.length ? String(events.length) : ''}
        </span>
      </h2>
      <div
        id="events-scroll"
        className="events-scroll"
        ref={scroll}
        onScroll={(event) => {
          const box = event.currentTarget;
          atBottom.current = box.scrollTop + box.clientHeight >= box.scrollHeight - 24;
        }}
      >
        <ol id="events" className="events">
          {events.map((event) => {
            const lane = lanes.laneOf(event.agent);
            return (
              <EventRow key={event.index} event={event} depth={lane.depth} colour={lane.colour} />
            );
          })}
        </ol>
        <p id="events-empty" className="empty" hidden={events.length > 0}>
          Events appear here as the agent works. Subagents get their own nested, coloured lane.
        </p>
      </div>
    </section>
  );
}
