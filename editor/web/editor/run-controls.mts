// ▶ Run and ■ Abort: runs the open script as saved at the chosen desk and follows its output; a
// run that failed in a script puts the cursor on that line.
import { ApiError, post } from '../api.mjs';
import { el } from '../dom.mjs';
import type { DeskControls } from './desk-controls.mjs';
import type { RunOutput, ScriptErrorPosition } from './run-output.mjs';
import type { ScriptEditor } from './script-editor.mjs';

export interface RunParts {
  script: ScriptEditor;
  desk: DeskControls;
  output: RunOutput;
  /** Before a run starts: bring its output into view. */
  starting(): void;
  showError(error: ScriptErrorPosition): Promise<void>;
}

export class RunControls {
  readonly runButton = el('button', { class: 'run primary', onclick: () => void this.run() }, '▶ Run');
  readonly abortButton = el('button', { class: 'abort danger', disabled: true, onclick: () => void this.abort() }, '■ Abort');
  private runId: string | undefined;

  constructor(private readonly parts: RunParts) {}

  private async run(): Promise<void> {
    const { script, desk, output } = this.parts;
    if (!script.path || this.runId) return;
    if (!(await script.saveChanges())) return;
    const at = desk.forRun();
    script.clearRunMarkers();
    this.parts.starting();
    this.runButton.disabled = true;
    try {
      const started = await post<{ id: string }>('/api/runs', { script: script.path, ...at });
      this.runId = started.id;
      this.abortButton.disabled = false;
      const report = await output.follow(started.id, script.path);
      if (report.error?.file && report.error.line) await this.parts.showError(report.error);
    } catch (error) {
      output.showProblem(error instanceof ApiError ? error.message : String(error));
    } finally {
      this.runId = undefined;
      this.runButton.disabled = false;
      this.abortButton.disabled = true;
    }
  }

  private async abort(): Promise<void> {
    if (!this.runId) return;
    this.abortButton.disabled = true;
    await post(`/api/runs/${encodeURIComponent(this.runId)}/abort`);
  }
}
