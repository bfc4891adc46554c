// The Editor page: the script tree at the side, Monaco in the middle, the output panel below
// (beside it the rehearsal matrix and the script's expectation file), and a toolbar to save,
// create, run and rehearse scripts. A cashier gets the same page read-only: open and run saved
// scripts, no rehearsals. Its parts live beside it: the script files, the editor, the desk, the
// run controls and the rehearsal parts.
import type { SessionInfo } from '../api.mjs';
import { el } from '../dom.mjs';
import { DeskControls } from './desk-controls.mjs';
import { RehearsalParts } from './rehearsal-parts.mjs';
import { RunControls } from './run-controls.mjs';
import { RunOutput, type ScriptErrorPosition } from './run-output.mjs';
import { ScriptEditor } from './script-editor.mjs';
import { ScriptFiles } from './script-files.mjs';

export function showEditorPage(container: HTMLElement, session: SessionInfo): () => void {
  const canEdit = session.permissions.includes('scripts.edit');
  const desk = new DeskControls(session);
  const output = new RunOutput((error) => void showError(error));
  const script = new ScriptEditor(canEdit, (message) => output.showProblem(message));
  const rehearsal = session.permissions.includes('scripts.rehearse')
    ? new RehearsalParts(canEdit, output, script, desk)
    : undefined;
  const files = new ScriptFiles(script, {
    languages: (known) => desk.offerLanguages(known),
    opened: (path) => rehearsal?.expectations.load(path),
    problem: (message) => output.showProblem(message),
  });
  const runs = new RunControls({ script, desk, output, starting: () => rehearsal?.tabs.select('Output'), showError });

  /** Opens the script where the run failed, if it is in the tree, and puts the cursor on the line. */
  async function showError(error: ScriptErrorPosition): Promise<void> {
    if (!error.file || !error.line || !script.started) return;
    if (error.file !== script.path) {
      if (!files.has(error.file)) return;
      await files.open(error.file);
    }
    script.markError(error.message, error.line, error.column);
  }

  container.append(
    el(
      'div',
      { class: 'toolbar' },
      script.title,
      canEdit ? files.newButton : null,
      canEdit ? script.saveButton : null,
      el('span', { class: 'spacer' }),
      ...desk.fields(),
      runs.runButton,
      runs.abortButton,
      rehearsal?.button ?? null,
    ),
    el(
      'div',
      { class: 'workbench' },
      files.tree.element,
      el('div', { class: 'editor-column' }, script.element, rehearsal?.tabs.element ?? output.element),
    ),
  );

  void (async () => {
    await script.start();
    await files.openFirst();
  })();

  return () => {
    output.dispose();
    rehearsal?.dispose();
    script.dispose();
  };
}
