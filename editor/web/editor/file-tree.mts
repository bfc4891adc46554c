// The side tree of the script folders. Folders fold; a click on a file opens it.
import { el, fill } from '../dom.mjs';

export interface TreeNode {
  name: string;
  path: string;
  kind: 'folder' | 'file';
  writable: boolean;
  children?: TreeNode[];
}

export class FileTree {
  readonly element = el('nav', { class: 'file-tree', 'aria-label': 'Scripts' });
  private active = '';
  private folders: TreeNode[] = [];

  constructor(private readonly onOpen: (path: string) => void) {}

  show(folders: TreeNode[]): void {
    this.folders = folders;
    fill(this.element, el('ul', {}, ...folders.map((f) => this.node(f))));
  }

  /** Every file path, for loading the models the type checker needs. */
  files(): string[] {
    const walk = (nodes: TreeNode[]): string[] => nodes.flatMap((n) => (n.kind === 'file' ? [n.path] : walk(n.children ?? [])));
    return walk(this.folders);
  }

  markActive(path: string): void {
    this.active = path;
    for (const item of this.element.querySelectorAll<HTMLElement>('[data-path]'))
      item.classList.toggle('active', item.dataset.path === path);
  }

  private node(node: TreeNode): HTMLElement {
    if (node.kind === 'file') {
      return el(
        'li',
        {},
        el(
          'button',
          {
            class: `file${node.path === this.active ? ' active' : ''}`,
            'data-path': node.path,
            title: node.path,
            onclick: () => this.onOpen(node.path),
          },
          node.name,
        ),
      );
    }
    const top = !node.path.includes('/');
    return el(
      'li',
      {},
      el(
        'details',
        { open: true },
        el(
          'summary',
          { class: top ? 'root' : '' },
          node.name,
          top && !node.writable ? el('span', { class: 'badge' }, 'read-only') : null,
        ),
        el('ul', {}, ...(node.children ?? []).map((c) => this.node(c))),
      ),
    );
  }
}
