// The Editor page: the script tree at the side, Monaco in the middle, the output panel below
// (beside it the rehearsal matrix and the script's expectation file), and a toolbar to save,
// create, run and rehearse scripts. A cashier gets the same page read-only: open and run saved
// scripts, no rehearsals.
import { ApiError, get, post, put, type SessionInfo } from '../api.mjs';
import { el } from '../dom.mjs';
import { FileTree, type TreeNode } from './file-tree.mjs';
import { ExpectationsPanel } from './expectations-panel.mjs';
import { loadAllModels, modelFor, monaco, setUpMonaco, uriOf } from './monaco-setup.mjs';
import { PanelTabs } from './panel-tabs.mjs';
import { RehearsePanel } from './rehearse-panel.mjs';
import { RunOutput, type ScriptErrorPosition } from './run-output.mjs';

const LAST_FILE = 'payscript.editor.file';
const DESK = 'payscript.editor.desk';
const RUN_MARKERS = 'payscript-run';
/** Version of each model as last saved; kept across page switches, as the models are. */
const savedVersion = new Map<string, number>();

export function showEditorPage(container: HTMLElement, session: SessionInfo): () => void {
  const canEdit = session.permissions.includes('scripts.edit');
  const desk = JSON.parse(localStorage.getItem(DESK) ?? '{}') as { pc?: string; user?: string; lang?: string };
  // Admins and consultants type any PC and user to try the binding; a cashier runs as themselves,
  // at one of the PCs an admin assigned to them (the server refuses anything else).
  const anyDesk = session.permissions.includes('runs.any-desk');
  const pc = anyDesk
    ? el('input', { class: 'desk-pc', placeholder: 'PC name', value: desk.pc ?? '', size: 10 })
    : assignedPcs(session.pcs, desk.pc);
  const user = anyDesk
    ? el('input', { class: 'desk-user', placeholder: session.user, value: desk.user ?? '', size: 10 })
    : undefined;
  const lang = el(
    'select',
    { class: 'desk-lang', title: 'Language of the descriptions' },
    el('option', { value: '' }, 'default'),
  );
  const fileName = el('span', { class: 'file-name' }, '');
  const saveButton = el('button', { class: 'save', disabled: true, onclick: () => void save() }, 'Save');
  const newButton = el('button', { class: 'new', onclick: () => void createScript() }, 'New…');
  const runButton = el('button', { class: 'run primary', onclick: () => void run() }, '▶ Run');
  const abortButton = el('button', { class: 'abort danger', disabled: true, onclick: () => void abort() }, '■ Abort');
  const tree = new FileTree((path) => void open(path));
  const editorHost = el('div', { class: 'monaco-host' });
  const output = new RunOutput((error) => showError(error));
  const rehearsal = session.permissions.includes('scripts.rehearse') ? rehearsalParts(canEdit, output) : undefined;
  const rehearseButton = el(
    'button',
    {
      class: 'rehearse',
      title: 'Run the script against the chosen outcomes on simulated terminals',
      onclick: () => void rehearse(),
    },
    '▦ Rehearse',
  );

  container.append(
    el(
      'div',
      { class: 'toolbar' },
      fileName,
      canEdit ? newButton : null,
      canEdit ? saveButton : null,
      el('span', { class: 'spacer' }),
      anyDesk || session.pcs.length > 0 ? el('label', {}, 'PC', pc) : null,
      user ? el('label', {}, 'User', user) : null,
      el('label', {}, 'Language', lang),
      runButton,
      abortButton,
      rehearsal ? rehearseButton : null,
    ),
    el(
      'div',
      { class: 'workbench' },
      tree.element,
      el('div', { class: 'editor-column' }, editorHost, rehearsal?.tabs.element ?? output.element),
    ),
  );

  let editor: monaco.editor.IStandaloneCodeEditor | undefined;
  let current = { path: '', writable: false };
  let runId: string | undefined;

  const isDirty = () => {
    const model = editor?.getModel();
    return !!model && savedVersion.get(current.path) !== model.getAlternativeVersionId();
  };
  const refreshTitle = () => {
    fileName.textContent = `${current.path}${isDirty() ? ' ●' : ''}${canEdit && current.writable ? '' : ' (read-only)'}`;
    saveButton.disabled = !canEdit || !current.writable || !isDirty();
  };

  async function loadTree(): Promise<void> {
    const answer = await get<{ folders: TreeNode[]; languages: string[] }>('/api/scripts');
    tree.show(answer.folders);
    if (lang.options.length === 1) {
      lang.append(...answer.languages.map((l) => el('option', { value: l }, l)));
      lang.value = desk.lang ?? '';
    }
    await loadAllModels(tree.files());
  }

  async function open(path: string): Promise<void> {
    const file = await get<{ path: string; content: string; writable: boolean }>(
      `/api/scripts/file?path=${encodeURIComponent(path)}`,
    );
    const model = modelFor(file.path, file.content);
    if (!savedVersion.has(file.path)) savedVersion.set(file.path, model.getAlternativeVersionId());
    current = { path: file.path, writable: file.writable };
    editor!.setModel(model);
    editor!.updateOptions({ readOnly: !canEdit || !file.writable });
    tree.markActive(file.path);
    localStorage.setItem(LAST_FILE, file.path);
    refreshTitle();
    await rehearsal?.expectations.load(file.path);
  }

  async function save(): Promise<boolean> {
    const model = editor?.getModel();
    if (!model || !canEdit || !current.writable) return false;
    try {
      await put('/api/scripts/file', { path: current.path, content: model.getValue() });
      savedVersion.set(current.path, model.getAlternativeVersionId());
      refreshTitle();
      return true;
    } catch (error) {
      output.showProblem(`Not saved: ${(error as Error).message}`);
      return false;
    }
  }

  async function createScript(): Promise<void> {
    const name = prompt('New script in "scripts/" (for example cashdesk/Refund.ts):', 'NewScript.ts');
    if (!name) return;
    const path = `scripts/${name.replace(/^\/+/, '')}${/\.(ts|js)$/.test(name) ? '' : '.ts'}`;
    try {
      await post('/api/scripts/file', { path, content: '// A payment script: see the completions for TPaymentClient & co.\n\n' });
      await loadTree();
      await open(path);
    } catch (error) {
      output.showProblem(`Not created: ${(error as Error).message}`);
    }
  }

  async function run(): Promise<void> {
    if (!current.path || runId) return;
    if (isDirty() && !(await save())) return;
    localStorage.setItem(DESK, JSON.stringify({ pc: pc.value, user: user?.value ?? desk.user, lang: lang.value }));
    for (const model of monaco.editor.getModels()) monaco.editor.setModelMarkers(model, RUN_MARKERS, []);
    rehearsal?.tabs.select('Output');
    runButton.disabled = true;
    try {
      const started = await post<{ id: string }>('/api/runs', {
        script: current.path,
        pc: pc.value,
        user: user?.value,
        lang: lang.value,
      });
      runId = started.id;
      abortButton.disabled = false;
      const report = await output.follow(started.id, current.path);
      if (report.error?.file && report.error.line) await showError(report.error);
    } catch (error) {
      output.showProblem(error instanceof ApiError ? error.message : String(error));
    } finally {
      runId = undefined;
      runButton.disabled = false;
      abortButton.disabled = true;
    }
  }

  /** Rehearses the script as saved, judged by its expectation file as saved. */
  async function rehearse(): Promise<void> {
    if (!rehearsal || !current.path) return;
    if (isDirty() && !(await save())) return;
    if (!(await rehearsal.expectations.save())) {
      rehearsal.tabs.select('Expectations');
      return;
    }
    rehearsal.tabs.select('Rehearsal');
    rehearseButton.disabled = true;
    try {
      await rehearsal.panel.start(current.path, lang.value);
    } finally {
      rehearseButton.disabled = false;
    }
  }

  async function abort(): Promise<void> {
    if (!runId) return;
    abortButton.disabled = true;
    await post(`/api/runs/${encodeURIComponent(runId)}/abort`);
  }

  /** Puts the cursor on the script line where the run failed, with the message as a marker. */
  async function showError(error: ScriptErrorPosition): Promise<void> {
    if (!error.file || !error.line || !editor) return;
    if (error.file !== current.path) {
      if (!tree.files().includes(error.file)) return;
      await open(error.file);
    }
    const model = monaco.editor.getModel(uriOf(error.file))!;
    const position = { lineNumber: error.line, column: error.column ?? 1 };
    monaco.editor.setModelMarkers(model, RUN_MARKERS, [
      {
        severity: monaco.MarkerSeverity.Error,
        message: error.message,
        startLineNumber: error.line,
        startColumn: position.column,
        endLineNumber: error.line,
        endColumn: model.getLineMaxColumn(error.line),
      },
    ]);
    editor.setPosition(position);
    editor.revealLineInCenter(error.line);
    editor.focus();
  }

  void (async () => {
    await setUpMonaco();
    editor = monaco.editor.create(editorHost, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
    });
    editor.onDidChangeModelContent(() => refreshTitle());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
    await loadTree();
    const files = tree.files();
    const first = [localStorage.getItem(LAST_FILE), 'scripts/Prikl_142.ts', 'examples/Prikl_142.ts', files[0]].find(
      (p) => p && files.includes(p),
    );
    if (first) await open(first);
  })();

  return () => {
    output.dispose();
    rehearsal?.panel.dispose();
    editor?.dispose();
  };
}

/** For those who may rehearse: the Rehearsal and Expectations panels beside the output. */
function rehearsalParts(canEdit: boolean, output: RunOutput) {
  const panel = new RehearsePanel();
  const expectations = new ExpectationsPanel(canEdit);
  const tabs = new PanelTabs([
    { name: 'Output', panel: output.element },
    { name: 'Rehearsal', panel: panel.element },
    { name: 'Expectations', panel: expectations.element },
  ]);
  void panel.loadChoices();
  void panel.resumeLatest();
  return { panel, expectations, tabs };
}

/** A cashier's PC: one of those assigned, the last one used first. */
function assignedPcs(pcs: string[], last: string | undefined): HTMLSelectElement {
  const select = el(
    'select',
    { class: 'desk-pc', title: 'The PCs an admin assigned to you' },
    ...pcs.map((name) => el('option', { value: name }, name)),
  );
  if (last && pcs.includes(last)) select.value = last;
  return select;
}
