// The Rehearsal panel: which protocols and outcomes to rehearse, the matrix filling in live from
// the rehearsal's Server-Sent Events, and the cell opened from it. The editor's Rehearse button
// starts it on the saved script; Stop ends the cells still running.
import { get, post } from '../api.mjs';
import { el, fill } from '../dom.mjs';
import { CellDetailView } from './cell-detail.mjs';
import { RehearsalMatrix, type CellSummary } from './rehearsal-matrix.mjs';

const CHOSEN = 'payscript.editor.rehearsal';

interface Choices {
  protocols: string[];
  outcomes: { name: string; title: string }[];
}

interface LatestRehearsal {
  id: string;
  script: string;
  protocols: string[];
  outcomes: string[];
}

interface RehearsalEnd {
  passed: number;
  failed: number;
  stopped: boolean;
  error?: string;
}

export class RehearsePanel {
  readonly element: HTMLElement;
  private readonly status = el(
    'div',
    { class: 'panel-status', 'aria-live': 'polite' },
    'Choose protocols and outcomes, then Rehearse.',
  );
  private readonly stopButton = el(
    'button',
    { class: 'stop-rehearsal danger', disabled: true, onclick: () => void this.stop() },
    '■ Stop',
  );
  private readonly protocolBoxes = el('fieldset', { class: 'choice protocols' });
  private readonly outcomeBoxes = el('fieldset', { class: 'choice outcomes' });
  private readonly matrix = new RehearsalMatrix((cell) => void this.open(cell));
  private readonly detail = new CellDetailView();
  private source?: EventSource;
  private rehearsalId?: string;

  constructor() {
    this.element = el(
      'section',
      { class: 'rehearse' },
      el('header', {}, el('h2', {}, 'Rehearsal'), this.status, this.stopButton),
      el(
        'div',
        { class: 'rehearse-body' },
        el('div', { class: 'choices' }, this.protocolBoxes, this.outcomeBoxes),
        this.matrix.element,
        this.detail.element,
      ),
    );
  }

  async loadChoices(): Promise<void> {
    const choices = await get<Choices>('/api/rehearsals/choices');
    const saved = JSON.parse(localStorage.getItem(CHOSEN) ?? 'null') as { protocols: string[]; outcomes: string[] } | null;
    const box = (group: string, name: string, title: string, checked: boolean) =>
      el('label', { title }, el('input', { type: 'checkbox', name: group, value: name, checked }), name);
    fill(
      this.protocolBoxes,
      el('legend', {}, 'Protocols'),
      ...choices.protocols.map((p) => box('protocol', p, p, saved ? saved.protocols.includes(p) : true)),
    );
    fill(
      this.outcomeBoxes,
      el('legend', {}, 'Outcomes'),
      ...choices.outcomes.map((o) => box('outcome', o.name, o.title, saved ? saved.outcomes.includes(o.name) : true)),
    );
  }

  /** Rehearses the saved script, its descriptions in `lang` (the host's default when empty); resolves when its last cell has ended. */
  async start(script: string, lang: string): Promise<void> {
    const protocols = this.checked(this.protocolBoxes);
    const outcomes = this.checked(this.outcomeBoxes);
    if (protocols.length === 0 || outcomes.length === 0) {
      this.setStatus('failed', 'Choose at least one protocol and one outcome.');
      return;
    }
    localStorage.setItem(CHOSEN, JSON.stringify({ protocols, outcomes }));
    let id: string;
    try {
      ({ id } = await post<{ id: string }>('/api/rehearsals', { script, protocols, outcomes, lang }));
    } catch (error) {
      this.setStatus('failed', `Not rehearsed: ${(error as Error).message}`);
      return;
    }
    await this.show(id, script, protocols, outcomes);
  }

  /** Shows this account's last rehearsal again (following it if it still runs), as the page left it. */
  async resumeLatest(): Promise<void> {
    const latest = await get<LatestRehearsal | undefined>('/api/rehearsals/latest');
    if (latest && !this.rehearsalId) await this.show(latest.id, latest.script, latest.protocols, latest.outcomes);
  }

  dispose(): void {
    this.source?.close();
  }

  /** A fresh matrix of grey cells, filled in from the rehearsal's events (replayed from its start). */
  private async show(id: string, script: string, protocols: string[], outcomes: string[]): Promise<void> {
    this.source?.close();
    this.rehearsalId = id;
    this.detail.clear();
    this.matrix.reset(outcomes, protocols);
    this.setStatus('running', `Rehearsing ${script}: ${protocols.length * outcomes.length} cell(s)…`);
    this.stopButton.disabled = false;
    try {
      this.showEnd(await this.follow(id, protocols.length * outcomes.length));
    } catch (error) {
      this.setStatus('failed', (error as Error).message);
    } finally {
      this.stopButton.disabled = true;
    }
  }

  private follow(id: string, total: number): Promise<RehearsalEnd> {
    const source = new EventSource(`/api/rehearsals/${encodeURIComponent(id)}/events`);
    this.source = source;
    let done = 0;
    return new Promise((resolve, reject) => {
      source.addEventListener('cell', (e) => {
        this.matrix.show(JSON.parse((e as MessageEvent).data) as CellSummary);
        done += 1;
        this.setStatus('running', `${done} of ${total} cell(s) done…`);
      });
      source.addEventListener('end', (e) => {
        // Closed before the server ends the stream, or EventSource would reconnect and replay.
        source.close();
        resolve(JSON.parse((e as MessageEvent).data) as RehearsalEnd);
      });
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) reject(new Error('connection to the server lost'));
      };
    });
  }

  private async stop(): Promise<void> {
    if (!this.rehearsalId) return;
    this.stopButton.disabled = true;
    await post(`/api/rehearsals/${encodeURIComponent(this.rehearsalId)}/abort`);
  }

  private async open(cell: CellSummary): Promise<void> {
    if (!this.rehearsalId) return;
    this.matrix.markOpen(cell);
    try {
      await this.detail.show(this.rehearsalId, cell);
    } catch (error) {
      this.setStatus('failed', `Cell not shown: ${(error as Error).message}`);
    }
  }

  private showEnd(end: RehearsalEnd): void {
    const counts = `${end.passed} of ${end.passed + end.failed} cell(s) passed`;
    if (end.error) this.setStatus('failed', `Rehearsal failed: ${end.error}`);
    else if (end.stopped) this.setStatus('failed', `Stopped: ${counts}.`);
    else this.setStatus(end.failed === 0 ? 'done' : 'failed', `${counts}.`);
  }

  private checked(group: HTMLElement): string[] {
    return [...group.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);
  }

  private setStatus(state: 'running' | 'done' | 'failed', text: string): void {
    this.status.className = `panel-status ${state}`;
    this.status.textContent = text;
  }
}
