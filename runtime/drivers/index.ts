// The protocols this build speaks. A new protocol is one line here plus its config enum entry and
// options schema (runtime/config/schema.ts).
// Each driver's modules load when a configured terminal speaks its protocol: a desk's
// `payscript run` with one ČSOB terminal loads neither the XML parser nor the cloud clients.
import type { DriverFactory } from '../terminals/driver.js';

const LOADERS: Readonly<Record<string, () => Promise<DriverFactory>>> = {
  csob: () => import('./csob/index.js').then((m) => m.createCsobDriver),
  gpe: () => import('./gpe/index.js').then((m) => m.createGpeDriver),
  posxml: () => import('./posxml/index.js').then((m) => m.createPosxmlDriver),
  nets: () => import('./nets/index.js').then((m) => m.createNetsDriver),
  viva: () => import('./viva/index.js').then((m) => m.createVivaDriver),
};

/** The factories of these protocols (an unknown one is left out: the registry names it when asked). */
export async function loadDriverFactories(protocols: Iterable<string>): Promise<Readonly<Record<string, DriverFactory>>> {
  const wanted = [...new Set(protocols)].filter((protocol) => protocol in LOADERS);
  return Object.fromEntries(await Promise.all(wanted.map(async (protocol) => [protocol, await LOADERS[protocol]!()] as const)));
}
