// Monaco with the open script: its title (path, unsaved mark, read-only), Save and Ctrl+S, and a
// run's error as a marker on its line.
import { put } from '../api.mjs';
import { el } from '../dom.mjs';
import { modelFor, monaco, setUpMonaco, uriOf } from './monaco-setup.mjs';

const RUN_MARKERS = 'payscript-run';
/** Version of each model as last saved; kept across page switches, as the models are. */
const savedVersion = new Map<string, number>();

/** A script as `GET /api/scripts/file` answers it. */
export interface ScriptFile {
  path: string;
  content: string;
  writable: boolean;
}

export class ScriptEditor {
  readonly element = el('div', { class: 'monaco-host' });
  readonly title = el('span', { class: 'file-name' }, '');
  readonly saveButton = el('button', { class: 'save', disabled: true, onclick: () => void this.save() }, 'Save');
  private editor: monaco.editor.IStandaloneCodeEditor | undefined;
  private current = { path: '', writable: false };

  constructor(
    private readonly canEdit: boolean,
    /** Where a refused save is told. */
    private readonly onProblem: (message: string) => void,
  ) {}

  /** Loads Monaco and makes the editor; until then nothing can be shown. */
  async start(): Promise<void> {
    await setUpMonaco();
    this.editor = monaco.editor.create(this.element, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
    });
    this.editor.onDidChangeModelContent(() => this.refreshTitle());
    this.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void this.save());
  }

  get started(): boolean {
    return this.editor !== undefined;
  }

  /** The open script's path; empty before one is open. */
  get path(): string {
    return this.current.path;
  }

  show(file: ScriptFile): void {
    const model = modelFor(file.path, file.content);
    if (!savedVersion.has(file.path)) savedVersion.set(file.path, model.getAlternativeVersionId());
    this.current = { path: file.path, writable: file.writable };
    this.editor!.setModel(model);
    this.editor!.updateOptions({ readOnly: !this.canEdit || !file.writable });
    this.refreshTitle();
  }

  async save(): Promise<boolean> {
    const model = this.editor?.getModel();
    if (!model || !this.canEdit || !this.current.writable) return false;
    try {
      await put('/api/scripts/file', { path: this.current.path, content: model.getValue() });
      savedVersion.set(this.current.path, model.getAlternativeVersionId());
      this.refreshTitle();
      return true;
    } catch (error) {
      this.onProblem(`Not saved: ${(error as Error).message}`);
      return false;
    }
  }

  /** Runs and rehearsals take the script as saved: unsaved changes are saved first (false when refused). */
  async saveChanges(): Promise<boolean> {
    return !this.isDirty() || this.save();
  }

  /** A new run starts with no markers of the last one, in any script. */
  clearRunMarkers(): void {
    for (const model of monaco.editor.getModels()) monaco.editor.setModelMarkers(model, RUN_MARKERS, []);
  }

  /** Puts the cursor on the open script's line where the run failed, with the message as a marker. */
  markError(message: string, line: number, column = 1): void {
    const model = monaco.editor.getModel(uriOf(this.current.path))!;
    monaco.editor.setModelMarkers(model, RUN_MARKERS, [
      {
        severity: monaco.MarkerSeverity.Error,
        message,
        startLineNumber: line,
        startColumn: column,
        endLineNumber: line,
        endColumn: model.getLineMaxColumn(line),
      },
    ]);
    this.editor!.setPosition({ lineNumber: line, column });
    this.editor!.revealLineInCenter(line);
    this.editor!.focus();
  }

  dispose(): void {
    this.editor?.dispose();
  }

  private isDirty(): boolean {
    const model = this.editor?.getModel();
    return !!model && savedVersion.get(this.current.path) !== model.getAlternativeVersionId();
  }

  private refreshTitle(): void {
    const writable = this.canEdit && this.current.writable;
    this.title.textContent = `${this.current.path}${this.isDirty() ? ' ●' : ''}${writable ? '' : ' (read-only)'}`;
    this.saveButton.disabled = !writable || !this.isDirty();
  }
}
