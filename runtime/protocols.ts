// The protocols this build speaks, one entry each: a protocol is its driver folder, its simulator
// folder, its code texts (runtime/i18n/codes) and its entry here. The config's protocol list, the
// drivers a host loads, the embedded simulators, `payscript simulate`, the soak, the conformance
// suite, the bench and the i18n completeness test all read this list.
// Only the options schemas load with it: a driver loads when a configured terminal speaks its
// protocol, a simulator when one is started, so a desk's `payscript run` with one ČSOB terminal
// loads neither the XML parser nor the cloud clients.
import type { z } from 'zod';
import { csobOptionsSchema } from './drivers/csob/options.js';
import { gpeOptionsSchema } from './drivers/gpe/options.js';
import { netsOptionsSchema } from './drivers/nets/options.js';
import { posxmlOptionsSchema } from './drivers/posxml/options.js';
import { vivaOptionsSchema } from './drivers/viva/options.js';
import { CORE_LANGUAGES, type Language, LANGUAGES } from './i18n/catalog.js';
import type { PosxmlSimulator } from './simulators/posxml/index.js';
import type { SimulatorKit } from './simulators/terminal-simulator.js';
import type { DriverFactory } from './terminals/driver.js';

/** One simulated terminal of a protocol: an embedded terminal, a `payscript test` column, a conformance target. */
export interface SimulatedTerminal {
  /** `sim-<protocol>`, or with a suffix where a protocol has more styles. */
  id: string;
  terminalId: string;
  /** The integration style, where the protocol has several (options.style). */
  style?: string;
}

export interface ProtocolEntry {
  /** What `terminals[].protocol` says. */
  name: string;
  /** Checked against the whole terminal entry (some options depend on its host or timeout). */
  optionsSchema: z.ZodType;
  loadDriver(): Promise<DriverFactory>;
  loadSimulator(): Promise<SimulatorKit>;
  /** At least one; the first of the first protocol is the terminal every embedded desk is bound to. */
  simulated: readonly SimulatedTerminal[];
  /** Its code texts are runtime/i18n/codes/<name>.ts, in English and in these languages. */
  codes: {
    /** The languages its desks speak, so its codes must be described in. */
    languages: readonly Language[];
    /** Every code the driver reports (loaded with the driver's tables). */
    loadKnown(): Promise<readonly string[]>;
  };
  /** Whether it carries cashback; where it does not, the driver refuses and sends nothing. */
  cashback: boolean;
  /** What a close-totals answer carries: totals per currency, or only a printed report (the merchant receipt). */
  closeTotals: 'totals' | 'report';
  /**
   * False where the terminal cannot see its register leave (a cloud): a card flow whose host died
   * runs on until the next register stops it.
   */
  seesRegisterLeave: boolean;
  /** Timers short enough for the simulators' short card flows (tests, the soak). */
  quick: { driverOptions: Record<string, unknown>; simulatorOptions?: Record<string, unknown> };
}

/** The letter-field family's session timers, shortened like the simulators' card flows. */
const LETTER_FIELD_QUICK = {
  driverOptions: {
    ackTimeoutMs: 1500,
    infoTimeoutMs: 1500,
    passivateTimeoutMs: 1500,
    connectTimeoutMs: 1000,
    reconnectAttempts: 5,
    reconnectDelayMs: 100,
  },
};

export const PROTOCOL_REGISTRY: readonly ProtocolEntry[] = [
  {
    name: 'csob',
    optionsSchema: csobOptionsSchema,
    loadDriver: () => import('./drivers/csob/index.js').then((m) => m.createCsobDriver),
    loadSimulator: () =>
      import('./simulators/csob/index.js').then((m) => ({ start: m.startCsobSimulator, driverOptions: () => ({}) })),
    simulated: [{ id: 'sim-csob', terminalId: 'SIMCSOB1' }],
    codes: {
      languages: CORE_LANGUAGES,
      loadKnown: () => import('./drivers/csob/response-codes.js').then((m) => m.KNOWN_CSOB_RESPONSE_CODES),
    },
    cashback: true,
    closeTotals: 'totals',
    seesRegisterLeave: true,
    quick: LETTER_FIELD_QUICK,
  },
  {
    name: 'gpe',
    optionsSchema: gpeOptionsSchema,
    loadDriver: () => import('./drivers/gpe/index.js').then((m) => m.createGpeDriver),
    loadSimulator: () =>
      import('./simulators/gpe/index.js').then((m) => ({ start: m.startGpeSimulator, driverOptions: () => ({}) })),
    simulated: [{ id: 'sim-gpe', terminalId: 'SIMGPE01' }],
    codes: {
      languages: CORE_LANGUAGES,
      loadKnown: () => import('./drivers/gpe/response-codes.js').then((m) => m.KNOWN_GPE_RESPONSE_CODES),
    },
    cashback: true,
    closeTotals: 'totals',
    seesRegisterLeave: true,
    quick: LETTER_FIELD_QUICK,
  },
  {
    name: 'posxml',
    optionsSchema: posxmlOptionsSchema,
    loadDriver: () => import('./drivers/posxml/index.js').then((m) => m.createPosxmlDriver),
    loadSimulator: () =>
      import('./simulators/posxml/index.js').then((m): SimulatorKit => ({
        start: m.startPosxmlSimulator,
        driverOptions: (simulator) => ({ logPort: (simulator as PosxmlSimulator).logPort }),
        note: (simulator) => `log stream on port ${(simulator as PosxmlSimulator).logPort}`,
      })),
    simulated: [{ id: 'sim-posxml', terminalId: 'SIMPX001' }],
    codes: {
      languages: CORE_LANGUAGES,
      loadKnown: () => import('./drivers/posxml/response-codes.js').then((m) => m.KNOWN_POSXML_RESPONSE_CODES),
    },
    cashback: false,
    closeTotals: 'totals',
    seesRegisterLeave: true,
    // The stop's answer keeps its default wait: a finishing card flow answers it only at its end.
    quick: { driverOptions: { connectTimeoutMs: 1000, lookupDelayMs: 100 } },
  },
  {
    name: 'nets',
    optionsSchema: netsOptionsSchema,
    loadDriver: () => import('./drivers/nets/index.js').then((m) => m.createNetsDriver),
    loadSimulator: () =>
      import('./simulators/nets/index.js').then((m) => ({
        start: m.startNetsSimulator,
        driverOptions: () => ({ ...m.NETS_SIMULATOR_ACCOUNT }),
      })),
    simulated: [{ id: 'sim-nets', terminalId: 'SIMNETS1' }],
    codes: {
      languages: LANGUAGES,
      loadKnown: () => import('./drivers/nets/error-categories.js').then((m) => m.KNOWN_NETS_RESPONSE_CODES),
    },
    cashback: true,
    // A reconciliation answers a header and the printed report, no totals (NaviPartner's NETS Cloud
    // response parser, navipartner/npcore-partners).
    closeTotals: 'report',
    seesRegisterLeave: true,
    // The simulated cloud answers a lookup after 100 ms; the driver waits a little longer, so one lookup finds a result.
    quick: {
      driverOptions: { lookupDelayMs: 150, abortGraceMs: 1000, busyRetryDelayMs: 100 },
      simulatorOptions: { lookupLagMs: 100 },
    },
  },
  {
    name: 'viva',
    optionsSchema: vivaOptionsSchema,
    loadDriver: () => import('./drivers/viva/index.js').then((m) => m.createVivaDriver),
    loadSimulator: () =>
      import('./simulators/viva/index.js').then((m) => ({
        start: m.startVivaSimulator,
        // Orders returns go through the cloud terminal API, hence both credential pairs for orders.
        driverOptions: (_simulator: unknown, style?: string) => {
          const { merchantId, apiKey, clientId, clientSecret } = m.VIVA_SIMULATOR_CREDENTIALS;
          return style === 'cloud-terminal'
            ? { style, clientId, clientSecret }
            : { style: 'orders', merchantId, apiKey, clientId, clientSecret };
        },
      })),
    // Both integration styles, each against its own simulated cloud.
    simulated: [
      { id: 'sim-viva', terminalId: 'SIMVIVA1', style: 'orders' },
      { id: 'sim-viva-ecr', terminalId: 'SIMVIVA2', style: 'cloud-terminal' },
    ],
    codes: {
      languages: LANGUAGES,
      loadKnown: () => import('./drivers/viva/response-codes.js').then((m) => m.KNOWN_VIVA_RESPONSE_CODES),
    },
    cashback: false,
    closeTotals: 'totals',
    seesRegisterLeave: false,
    quick: { driverOptions: { pollIntervalMs: 100 } },
  },
];

/** Every protocol's name, in registry order. */
export const PROTOCOLS = PROTOCOL_REGISTRY.map((entry) => entry.name) as [string, ...string[]];

/** The entry of this protocol, if this build speaks it. */
export function protocolEntry(name: string): ProtocolEntry | undefined {
  return PROTOCOL_REGISTRY.find((entry) => entry.name === name);
}
