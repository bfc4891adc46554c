// The terminal's trace output cut into log lines. A partial line waits for the next read; a line
// longer than MAX_TRACE_LINE is logged in pieces rather than held without end, cut before a run
// of digits that goes on past the limit, so a card number stays in one piece and is masked whole.

export const MAX_TRACE_LINE = 4096;

export class TraceLineSplitter {
  private pending = '';

  /** Feeds one read; returns the lines (or pieces of long lines) it completed, in order. */
  push(text: string): string[] {
    const lines = (this.pending + text).split(/\r?\n/);
    const partial = piecesOf(lines.pop() ?? '');
    this.pending = partial.pop()!;
    return [...lines.flatMap(piecesOf), ...partial];
  }

  /** The stream closed: what is left is the last line. */
  end(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest ? [rest] : [];
  }
}

function piecesOf(line: string): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > MAX_TRACE_LINE) {
    const cut = cutPoint(rest);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return [...pieces, rest];
}

function cutPoint(line: string): number {
  if (!/[\d -]/.test(line[MAX_TRACE_LINE]!)) return MAX_TRACE_LINE;
  const run = /[\d -]+$/.exec(line.slice(0, MAX_TRACE_LINE));
  // A run of digits as long as the whole piece holds no card number of its own context; cut it anywhere.
  return run && run.index > 0 ? run.index : MAX_TRACE_LINE;
}
