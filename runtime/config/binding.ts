// Which terminal a cash desk uses: one for all, per PC name (under remote desktop the client
// computer's name, as cash desks are identified by the machine the cashier sits at) or per user.
import { hostname, userInfo } from 'node:os';
import { BindingError } from './errors.js';
import type { PayscriptConfig, TerminalSettings } from './schema.js';

export interface DeskIdentity {
  pc?: string;
  user?: string;
  /** Explicit choice (`--terminal`), which overrides the binding. */
  terminal?: string;
}

/**
 * The desk this process runs at. Under Windows remote desktop CLIENTNAME is the computer the
 * cashier sits at, which is what admins bind; elsewhere the host name.
 */
export function localDesk(): Required<Pick<DeskIdentity, 'pc' | 'user'>> {
  return { pc: process.env.CLIENTNAME || hostname(), user: userInfo().username };
}

export function resolveTerminal(config: PayscriptConfig, desk: DeskIdentity): TerminalSettings {
  const id = desk.terminal ?? boundTerminalId(config, desk);
  const terminal = config.terminals.find((t) => t.id === id);
  if (!terminal) {
    const known = config.terminals.map((t) => t.id).join(', ');
    throw new BindingError(`unknown terminal "${id}"; configured terminals: ${known}`);
  }
  return terminal;
}

function boundTerminalId(config: PayscriptConfig, desk: DeskIdentity): string {
  const { binding } = config;
  switch (binding.mode) {
    case 'single':
      return binding.terminal!;
    case 'pc': {
      if (!desk.pc) throw new BindingError('binding.mode is "pc" but no PC name is known (pass --pc NAME)');
      // Case-sensitive and without a fallback on purpose: an unlisted desk must not silently
      // take payments on some other desk's terminal.
      const id = boundName(binding.pc, desk.pc);
      if (!id) throw new BindingError(`PC "${desk.pc}" is not bound to a terminal (binding.pc)`);
      return id;
    }
    case 'user': {
      if (!desk.user) throw new BindingError('binding.mode is "user" but no user is known (pass --user NAME)');
      const id = boundName(binding.user, desk.user);
      if (!id) throw new BindingError(`user "${desk.user}" is not bound to a terminal (binding.user)`);
      return id;
    }
  }
}

/** Desk names are plain names: `constructor` or `__proto__` must not reach a prototype's members. */
function boundName(map: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(map, name) ? map[name] : undefined;
}
