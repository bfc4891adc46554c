// The output panel of one run: console lines, the terminal's live status while a client waits,
// each transaction's result with its localized description, and how the run ended. Fed by the
// run's Server-Sent Events.
import { el, fill } from '../dom.mjs';

export interface TransactionLine {
  client: string;
  terminal: string;
  status: string;
  responseCode: string;
  description: string;
  amount?: string;
  currency?: string;
  authorizationCode?: string;
}

export interface ScriptErrorPosition {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface RunReport {
  ok: boolean;
  logs: string[];
  error?: ScriptErrorPosition;
  transactions: TransactionLine[];
}

interface StatusEvent {
  terminal: string;
  kind: string;
  detail?: string;
}

/** What the cashier reads for each step of the driver's wait. */
const STATUS_TEXT: Record<string, string> = {
  connecting: 'connecting to the terminal',
  connected: 'connected',
  'request-sent': 'request sent',
  acknowledged: 'terminal is working (card, PIN, bank)',
  'keep-alive': 'still waiting for the customer (keep-alive)',
  'result-received': 'result received',
  'fetching-receipt': 'fetching the receipt',
  recovering: 'looking up the result',
  aborting: 'aborting on the terminal',
  disconnected: 'disconnected',
};

export class RunOutput {
  readonly element: HTMLElement;
  private readonly status = el('div', { class: 'run-status', 'aria-live': 'polite' }, 'Ready.');
  private readonly log = el('div', { class: 'run-log', role: 'log' });
  private source?: EventSource;

  constructor(private readonly onErrorClick: (error: ScriptErrorPosition) => void) {
    this.element = el('section', { class: 'output' }, el('header', {}, el('h2', {}, 'Output'), this.status), this.log);
  }

  /** Follows a run until its end; resolves with its report. */
  follow(runId: string, script: string): Promise<RunReport> {
    this.source?.close();
    fill(this.log, line('run-start', `▶ ${script}`));
    this.setStatus('running', 'Running…');
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
    this.source = source;
    const data = (event: Event) => JSON.parse((event as MessageEvent).data);
    source.addEventListener('console', (e) => {
      const { level, text } = data(e);
      this.append(line(`console ${level}`, text));
    });
    source.addEventListener('status', (e) => {
      const s: StatusEvent = data(e);
      const text = `${s.terminal}: ${STATUS_TEXT[s.kind] ?? s.kind}${s.detail ? ` (${s.detail})` : ''}`;
      this.setStatus('waiting', text);
      this.append(line('terminal-status', text));
    });
    source.addEventListener('transaction', (e) => this.append(transactionLine(data(e))));
    return new Promise((resolve) => {
      source.addEventListener('end', (e) => {
        // Closed before the server ends the stream, or EventSource would reconnect and replay.
        source.close();
        const report: RunReport = data(e);
        this.showEnd(report);
        resolve(report);
      });
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) this.setStatus('failed', 'Connection to the server lost.');
      };
    });
  }

  /** A problem before the run started (no such script, unbound desk). */
  showProblem(message: string): void {
    this.setStatus('failed', message);
    this.append(line('error', message));
  }

  dispose(): void {
    this.source?.close();
  }

  private showEnd(report: RunReport): void {
    if (report.ok) {
      this.setStatus('done', `Finished: ${report.transactions.length} transaction(s).`);
      this.append(line('run-end ok', '■ Finished'));
      return;
    }
    const error = report.error ?? { message: 'stopped' };
    const where = error.file ? ` (${error.file}:${error.line}:${error.column})` : '';
    this.setStatus('failed', `Stopped: ${error.message}`);
    const entry = line('run-end error', `■ ${error.message}${where}`);
    if (error.file && error.line) {
      entry.classList.add('clickable');
      entry.title = 'Go to the line';
      entry.addEventListener('click', () => this.onErrorClick(error));
    }
    this.append(entry);
  }

  private setStatus(state: 'running' | 'waiting' | 'done' | 'failed', text: string): void {
    this.status.className = `run-status ${state}`;
    this.status.textContent = text;
  }

  private append(entry: HTMLElement): void {
    const atBottom = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 4;
    this.log.append(entry);
    if (atBottom) this.log.scrollTop = this.log.scrollHeight;
  }
}

function line(kind: string, text: string): HTMLElement {
  return el('div', { class: `line ${kind}` }, text);
}

function transactionLine(t: TransactionLine): HTMLElement {
  const money = t.amount ? `${t.amount} ${t.currency ?? ''}` : '';
  return el(
    'div',
    { class: 'line transaction' },
    el('span', { class: `badge status-${t.status.toLowerCase()}` }, t.status),
    el('span', { class: 'client' }, t.client),
    el('span', { class: 'amount' }, money),
    el('span', { class: 'description' }, `${t.description}${t.responseCode ? ` [${t.responseCode}]` : ''}`),
    t.authorizationCode ? el('span', { class: 'auth' }, `auth ${t.authorizationCode}`) : null,
  );
}
