// The simulators the soak drives: each protocol of the registry in its first integration style,
// with the short timers its entry names.
import { PROTOCOL_REGISTRY } from '../protocols.js';
import { loadQuickTerminal, type QuickTerminal } from '../simulators/quick-terminal.js';

/** Those of these protocols (every one when absent), loaded. */
export async function loadSoakTargets(protocols?: readonly string[]): Promise<QuickTerminal[]> {
  const entries = protocols ? PROTOCOL_REGISTRY.filter((entry) => protocols.includes(entry.name)) : PROTOCOL_REGISTRY;
  return Promise.all(entries.map((entry) => loadQuickTerminal(entry)));
}
