import { clearScreenDown, cursorTo, moveCursor } from 'node:readline';
import { formatElapsed, formatTokens, paintState, printable } from './format.js';
import type { Output } from './output.js';
import type { Lane, ViewModel } from './view-model.js';

/** The lanes in tree order: each agent, then the subagents it started, indented. */
function lanesInOrder(view: ViewModel): Lane[] {
  const lanes = [...view.lanes.values()];
  const ordered: Lane[] = [];
  const visit = (parentId: string | null) => {
    for (const lane of lanes.filter((candidate) => candidate.parentId === parentId)) {
      ordered.push(lane);
      visit(lane.id);
    }
  };
  visit(null);
  // A subagent whose parent never appeared (a watch from a later cursor) still gets a line.
  return [...ordered, ...lanes.filter((lane) => !ordered.includes(lane))];
}

/** The frame's lines: a header (state, step, tokens, elapsed), then one line per agent. */
export function renderFrame(out: Output, view: ViewModel, width: number): string[] {
  const elapsed =
    view.startedAt === undefined ? 0 : (view.latestAt ?? view.startedAt) - view.startedAt;
  const header = [
    paintState(out, view.state),
    `step ${view.step}`,
    formatTokens(view.usage.total_tokens),
    formatElapsed(elapsed),
    out.paint('dim', printable(view.id) + (view.turn > 1 ? `  turn ${view.turn}` : '')),
  ].join('  ');
  const lanes = lanesInOrder(view);
  const nameWidth = Math.max(4, ...lanes.map((lane) => printable(lane.id).length + 2 * lane.depth));
  const lines = lanes.map((lane) => {
    const indent = lane.depth === 0 ? '' : `${'  '.repeat(lane.depth - 1)}└ `;
    const name = `${indent}${printable(lane.id)}`.padEnd(nameWidth);
    // Cut before painting, so an escape sequence is never cut in half.
    const room = Math.max(0, width - nameWidth - 4);
    const latest =
      lane.latest.length > room ? `${lane.latest.slice(0, Math.max(0, room - 1))}…` : lane.latest;
    const style = lane.failed ? 'red' : lane.finished ? 'dim' : 'cyan';
    return `  ${out.paint(lane.depth === 0 ? 'bold' : 'dim', name)}  ${out.paint(style, latest)}`;
  });
  return [header, ...lines];
}

/**
 * The live view on a terminal: redraws its frame in place (with the cursor moves Node's
 * readline gives) as events arrive, then settles into the final frame and the answer.
 */
export class LiveView {
  #drawn = 0;
  constructor(
    private readonly out: Output,
    private readonly view: ViewModel,
  ) {}

  /** Redraws the frame from the view as it is now. */
  update(): void {
    const stream = this.out.stdout;
    if (this.#drawn > 0) {
      moveCursor(stream, 0, -this.#drawn);
      cursorTo(stream, 0);
      clearScreenDown(stream);
    }
    const lines = renderFrame(this.out, this.view, stream.columns || 80);
    stream.write(`${lines.join('\n')}\n`);
    this.#drawn = lines.length;
  }

  /** Draws the final frame and, below it for good, the answer or the error. */
  finish(): void {
    this.update();
    this.#drawn = 0;
    const { answer, error } = this.view;
    if (answer)
      this.out.line(
        `${this.out.paint(['bold', 'green'], answer.forced ? 'Answer (forced):' : 'Answer:')} ${printableLines(answer.content)}`,
      );
    else if (error)
      this.out.line(this.out.paint('red', printable(`Error ${error.code}: ${error.message}`)));
  }
}

/** An answer keeps its line breaks; each line is made printable. */
const printableLines = (text: string) => text.split('\n').map(printable).join('\n');
