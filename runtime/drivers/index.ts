// The driver factories of the configured protocols, loaded through the protocol registry
// (runtime/protocols.ts): each driver's modules load only when a configured terminal speaks its
// protocol, so a desk's `payscript run` with one ČSOB terminal loads neither the XML parser nor
// the cloud clients.
import { protocolEntry } from '../protocols.js';
import type { DriverFactory } from '../terminals/driver.js';

/** The factories of these protocols (an unknown one is left out: the registry names it when asked). */
export async function loadDriverFactories(protocols: Iterable<string>): Promise<Readonly<Record<string, DriverFactory>>> {
  const wanted = [...new Set(protocols)].flatMap((protocol) => protocolEntry(protocol) ?? []);
  return Object.fromEntries(await Promise.all(wanted.map(async (entry) => [entry.name, await entry.loadDriver()] as const)));
}
