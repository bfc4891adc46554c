// The script tree beside the editor: the folders the server lists, opening a script (at first the
// one opened last), and New… for a script in scripts/.
import { get, post } from '../api.mjs';
import { el } from '../dom.mjs';
import { FileTree, type TreeNode } from './file-tree.mjs';
import { loadAllModels } from './monaco-setup.mjs';
import type { ScriptEditor, ScriptFile } from './script-editor.mjs';

const LAST_FILE = 'payscript.editor.file';

export interface ScriptFilesEvents {
  /** The languages results are described in, listed with the tree. */
  languages(known: string[]): void;
  /** A script is open in the editor. */
  opened(path: string): Promise<void> | void;
  /** A script that could not be created. */
  problem(message: string): void;
}

export class ScriptFiles {
  readonly tree = new FileTree((path) => void this.open(path));
  readonly newButton = el('button', { class: 'new', onclick: () => void this.create() }, 'New…');

  constructor(
    private readonly editor: ScriptEditor,
    private readonly events: ScriptFilesEvents,
  ) {}

  /** The tree, then the script last opened here, else Prikl_142, else the first there is. */
  async openFirst(): Promise<void> {
    await this.load();
    const files = this.tree.files();
    const first = [localStorage.getItem(LAST_FILE), 'scripts/Prikl_142.ts', 'examples/Prikl_142.ts', files[0]].find(
      (p) => p && files.includes(p),
    );
    if (first) await this.open(first);
  }

  has(path: string): boolean {
    return this.tree.files().includes(path);
  }

  async open(path: string): Promise<void> {
    const file = await get<ScriptFile>(`/api/scripts/file?path=${encodeURIComponent(path)}`);
    this.editor.show(file);
    this.tree.markActive(file.path);
    localStorage.setItem(LAST_FILE, file.path);
    await this.events.opened(file.path);
  }

  private async load(): Promise<void> {
    const answer = await get<{ folders: TreeNode[]; languages: string[] }>('/api/scripts');
    this.tree.show(answer.folders);
    this.events.languages(answer.languages);
    await loadAllModels(this.tree.files());
  }

  private async create(): Promise<void> {
    const name = prompt('New script in "scripts/" (for example cashdesk/Refund.ts):', 'NewScript.ts');
    if (!name) return;
    const path = `scripts/${name.replace(/^\/+/, '')}${/\.(ts|js)$/.test(name) ? '' : '.ts'}`;
    try {
      await post('/api/scripts/file', { path, content: '// A payment script: see the completions for TPaymentClient & co.\n\n' });
      await this.load();
      await this.open(path);
    } catch (error) {
      this.events.problem(`Not created: ${(error as Error).message}`);
    }
  }
}
