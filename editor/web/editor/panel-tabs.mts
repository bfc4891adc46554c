// Tabs under the editor (Output, Rehearsal, Expectations): one panel shown at a time.
import { el } from '../dom.mjs';

export interface Tab {
  name: string;
  panel: HTMLElement;
}

export class PanelTabs {
  readonly element: HTMLElement;
  private readonly buttons: HTMLButtonElement[];

  constructor(private readonly tabs: Tab[]) {
    this.buttons = tabs.map((tab) => el('button', { class: 'tab', role: 'tab', onclick: () => this.select(tab.name) }, tab.name));
    this.element = el(
      'div',
      { class: 'panels' },
      el('div', { class: 'tab-strip', role: 'tablist' }, ...this.buttons),
      ...tabs.map((tab) => tab.panel),
    );
    this.select(tabs[0].name);
  }

  select(name: string): void {
    this.tabs.forEach((tab, i) => {
      const selected = tab.name === name;
      tab.panel.hidden = !selected;
      this.buttons[i].classList.toggle('active', selected);
      this.buttons[i].setAttribute('aria-selected', String(selected));
    });
  }
}
