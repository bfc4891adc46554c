// Maps QuickJS stack frames of compiled units back to the script's own files, lines and columns.
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { GraphUnit } from './module-graph.js';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface MappedStack {
  /** The stack as the script author should read it: script files, lines and columns. */
  stack: string;
  /** The innermost frame inside one of the script's own units (not the prelude). */
  location?: SourceLocation;
}

/** Frames of the sandbox's own glue code; never shown to script authors. */
export const INTERNAL_FILE_PREFIX = 'payscript:internal/';

// A 100 000-deep recursion produces 100 000 frames; nobody reads past the first few dozen.
const MAX_FRAMES = 30;

// QuickJS 2025 prints `    at fn (file:line:col)` and `    at file:line:col`; columns are 1-based.
const FRAME_WITH_NAME = /^\s*at (.*) \((.+):(\d+):(\d+)\)$/;
const FRAME_BARE = /^\s*at (.+):(\d+):(\d+)$/;

export class StackMapper {
  private readonly maps = new Map<string, TraceMap>();
  private readonly units: Map<string, GraphUnit>;

  /** `firstLineOffset`: characters the guest loader puts before line 1 of every unit. */
  constructor(
    units: GraphUnit[],
    private readonly firstLineOffset: number,
  ) {
    this.units = new Map(units.map((u) => [u.id, u]));
  }

  map(rawStack: string): MappedStack {
    const lines: string[] = [];
    let location: SourceLocation | undefined;
    let frames = 0;
    let hidden = 0;
    for (const raw of rawStack.split('\n')) {
      if (raw.trim() === '') continue;
      const frame = parseFrame(raw);
      if (frame?.file.startsWith(INTERNAL_FILE_PREFIX)) continue;
      if (frames >= MAX_FRAMES) {
        hidden++;
        continue;
      }
      frames++;
      if (!frame) {
        lines.push(raw);
        continue;
      }
      const mapped = this.mapPosition(frame.file, frame.line, frame.column);
      if (mapped && !location) location = mapped;
      const where = mapped ? `${mapped.file}:${mapped.line}:${mapped.column}` : `${frame.file}:${frame.line}:${frame.column}`;
      lines.push(frame.name === undefined ? `    at ${where}` : `    at ${frame.name} (${where})`);
    }
    // The loader's `fn.call(...)` leaves a trailing `at call (native)` under the entry unit.
    while (lines.length > 0 && lines[lines.length - 1]!.endsWith('(native)')) lines.pop();
    if (hidden > 0) lines.push(`    ... ${hidden} more frames`);
    return { stack: lines.join('\n'), location };
  }

  /** Position in the compiled unit `file` (1-based line and column) → position in its source. */
  mapPosition(file: string, line: number, column: number): SourceLocation | undefined {
    const unit = this.units.get(file);
    if (!unit) return undefined;
    let map = this.maps.get(file);
    if (!map) {
      map = new TraceMap(unit.map);
      this.maps.set(file, map);
    }
    const generatedColumn = (line === 1 ? column - this.firstLineOffset : column) - 1;
    const original = originalPositionFor(map, { line, column: Math.max(0, generatedColumn) });
    if (original.line === null) return { file, line, column };
    return { file, line: original.line, column: original.column + 1 };
  }
}

function parseFrame(text: string): { name?: string; file: string; line: number; column: number } | undefined {
  const named = FRAME_WITH_NAME.exec(text);
  if (named) return { name: named[1], file: named[2]!, line: Number(named[3]), column: Number(named[4]) };
  const bare = FRAME_BARE.exec(text);
  if (bare) return { file: bare[1]!, line: Number(bare[2]), column: Number(bare[3]) };
  return undefined;
}
