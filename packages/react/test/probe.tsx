import {
  type SessionHandle,
  type UseSessionOptions,
  type UseSessionResult,
  useSession,
} from '../src/index.ts';

export interface ProbeProps {
  id: SessionHandle | string | null | undefined;
  options?: UseSessionOptions;
  /** Every result rendered, in order. */
  seen?: UseSessionResult[];
}

/** Renders what `useSession` returns: the state, and one row per event with its index. */
export function Probe({ id, options, seen }: ProbeProps) {
  const result = useSession(id, options);
  seen?.push(result);
  return (
    <section data-state={result.state ?? 'none'} data-done={String(result.done)}>
      <p className="answer">{result.answer}</p>
      <ol>
        {result.events.map((event) => (
          <li key={event.index} data-index={event.index}>
            {event.type}
          </li>
        ))}
      </ol>
    </section>
  );
}
