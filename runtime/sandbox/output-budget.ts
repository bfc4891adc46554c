// What one run may print: each console line is cut at LINE_MAX_CHARS, and once the run's kept
// output reaches limits.outputKiB every further line is dropped and only counted. This runs in the
// worker, so a script that floods the console costs the host thread nothing past the limit.

/**
 * The longest console line kept, characters. The guest cuts longer lines before they reach the
 * worker (guest-bootstrap.ts), so only this much is ever copied out of the instance.
 */
export const LINE_MAX_CHARS = 16 * 1024;

/**
 * What a line costs beyond its text: keeping it takes an entry in the report, an event in the
 * editor and a log line each (~130 bytes in the editor alone), so a flood of empty lines must use
 * up the budget too.
 */
export const LINE_COST_BYTES = 64;

/** Console lines dropped whole because the run's output was over its limit. */
export interface DroppedOutput {
  lines: number;
  /** Their characters (UTF-16 code units, as the guest's `length` counts them: cheap to know). */
  characters: number;
}

/** One console line as the guest handed it over, read only if it is kept. */
export interface GuestLine {
  /** The line's length before the guest cut it, characters. */
  length: number;
  /** The length of the part handed over, characters. */
  headLength: number;
  /** Copies the part handed over out of the guest. */
  read(): string;
}

export class OutputBudget {
  private usedBytes = 0;
  private full = false;
  readonly dropped: DroppedOutput = { lines: 0, characters: 0 };

  constructor(private readonly limitBytes: number) {}

  /** The text to forward for this line, or undefined when it is dropped. */
  admit(line: GuestLine): string | undefined {
    // A head longer than the cut means the bootstrap was bypassed: never copy it.
    if (this.full || line.headLength > LINE_MAX_CHARS) return this.drop(line.length);
    let text = line.read();
    if (line.length > line.headLength) text += ` … [line cut: ${line.headLength} of ${line.length} characters kept]`;
    const bytes = LINE_COST_BYTES + Buffer.byteLength(text, 'utf8');
    if (this.usedBytes + bytes > this.limitBytes) {
      this.full = true;
      return this.drop(line.length);
    }
    this.usedBytes += bytes;
    return text;
  }

  private drop(characters: number): undefined {
    this.dropped.lines++;
    this.dropped.characters += characters;
    return undefined;
  }
}

/** The one line a run's output ends with when lines were dropped. */
export function droppedOutputNotice(dropped: DroppedOutput, outputKiB: number): string {
  return (
    `[payscript] ${dropped.lines} console line(s) of ${dropped.characters} character(s) dropped: ` +
    `a run's output is limited to ${outputKiB} KiB (limits.outputKiB)`
  );
}
