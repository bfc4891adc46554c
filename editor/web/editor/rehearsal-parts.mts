// What those who may rehearse get: ▦ Rehearse, and the Rehearsal and Expectations panels in tabs
// beside the run's output.
import { el } from '../dom.mjs';
import type { DeskControls } from './desk-controls.mjs';
import { ExpectationsPanel } from './expectations-panel.mjs';
import { PanelTabs } from './panel-tabs.mjs';
import { RehearsePanel } from './rehearse-panel.mjs';
import type { RunOutput } from './run-output.mjs';
import type { ScriptEditor } from './script-editor.mjs';

export class RehearsalParts {
  readonly expectations: ExpectationsPanel;
  readonly tabs: PanelTabs;
  readonly button = el(
    'button',
    {
      class: 'rehearse',
      title: 'Run the script against the chosen outcomes on simulated terminals',
      onclick: () => void this.rehearse(),
    },
    '▦ Rehearse',
  );
  private readonly panel = new RehearsePanel();

  constructor(
    canEdit: boolean,
    output: RunOutput,
    private readonly script: ScriptEditor,
    private readonly desk: DeskControls,
  ) {
    this.expectations = new ExpectationsPanel(canEdit);
    this.tabs = new PanelTabs([
      { name: 'Output', panel: output.element },
      { name: 'Rehearsal', panel: this.panel.element },
      { name: 'Expectations', panel: this.expectations.element },
    ]);
    void this.panel.loadChoices();
    void this.panel.resumeLatest();
  }

  dispose(): void {
    this.panel.dispose();
  }

  /** Rehearses the script as saved, judged by its expectation file as saved. */
  private async rehearse(): Promise<void> {
    if (!this.script.path) return;
    if (!(await this.script.saveChanges())) return;
    if (!(await this.expectations.save())) {
      this.tabs.select('Expectations');
      return;
    }
    this.tabs.select('Rehearsal');
    this.button.disabled = true;
    try {
      await this.panel.start(this.script.path, this.desk.language);
    } finally {
      this.button.disabled = false;
    }
  }
}
