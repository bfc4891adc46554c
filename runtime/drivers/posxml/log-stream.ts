// The terminal's trace output (port 5551 on the terminal; posxml.md, "Transport"), copied line by
// line into the session log for diagnostics. Read-only and never a source of results: if it
// cannot be reached the operations go on and the log says so once.
import net from 'node:net';
import type { TerminalLog } from '../../terminals/driver.js';
import { maskCardNumbersInText } from '../../protocol/card-number.js';
import { TraceLineSplitter } from './trace-lines.js';

export class TerminalLogStream {
  private socket: net.Socket | undefined;
  private readonly lines = new TraceLineSplitter();
  private warned = false;

  constructor(
    private readonly params: { host: string; port: number; connectTimeoutMs: number; logName: string; log: TerminalLog },
  ) {}

  /** Subscribes if not already subscribed; called before each operation, so a dropped stream comes back. */
  ensure(): void {
    if (this.socket && !this.socket.destroyed) return;
    const { host, port, logName, log } = this.params;
    const socket = net.createConnection({ host, port });
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.setTimeout(this.params.connectTimeoutMs, () => {
      if (socket.connecting) socket.destroy(new Error(`no connection within ${this.params.connectTimeoutMs} ms`));
    });
    socket.once('connect', () => {
      socket.setTimeout(0);
      this.warned = false;
      log.info(logName, `subscribed to the terminal log at ${host}:${port}`);
    });
    socket.on('data', (text: string) => this.onText(text));
    socket.on('error', (error) => {
      if (this.warned) return;
      this.warned = true;
      log.warn(logName, `terminal log at ${host}:${port} not readable: ${error.message}`);
    });
    socket.on('close', () => this.flush());
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private onText(text: string): void {
    this.lines.push(text).forEach((line) => this.emit(line));
  }

  private flush(): void {
    this.lines.end().forEach((line) => this.emit(line));
  }

  private emit(line: string): void {
    if (line.trim()) this.params.log.info(this.params.logName, `terminal log: ${maskCardNumbersInText(line)}`);
  }
}
