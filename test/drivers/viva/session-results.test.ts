// Cloud-terminal (ECR) session results as Viva reports them, over real HTTP to the simulator:
// the event id and the message decide the outcome, and Viva's message stays in the description
// when no catalog text fits the event id.
import { afterEach, describe, expect, it } from 'vitest';
import { describeResult } from '../../../runtime/i18n/describe.js';
import type { Outcome, Reason } from '../../../runtime/terminals/driver.js';
import { type Rig, context, request, startRig } from './harness.js';

const SESSION_RESULTS: [source: string, eventId: number, message: string, outcome: Outcome, reason: Reason][] = [
  // A production session as integrators show it (viva.md, "Event ids and messages").
  ['declined by the server', 1006, 'Transaction declined by server', 'declined', 'issuer-declined'],
  // A demo session, from the same source.
  ['generic error', 1099, 'Generic transaction error', 'failed', 'unknown'],
  // The message as integrators quote it (its event id is not shown there).
  ['canceled on the terminal', 1099, 'Transaction canceled by user', 'failed', 'customer-cancelled'],
  // As quoted from the same source.
  ['unreadable card', 1099, 'Invalid card', 'declined', 'card-error'],
];

describe('Viva cloud-terminal session results', () => {
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it.each(SESSION_RESULTS)(
    '%s: event %i "%s" → %s (%s), Viva\'s words in the description',
    async (_source, eventId, message, outcome, reason) => {
      rig = await startRig({ style: 'cloud-terminal' });
      rig.sim.refuseNext({ responseCode: '', eventId, message });
      const result = await rig.driver.pay(request(4200), context());
      expect(result).toMatchObject({ outcome, reason, responseCode: String(eventId), responseText: message });
      expect(describeResult(result, 'viva', 'en')).toContain(`: ${message}`);
      expect(rig.sim.bookings()).toHaveLength(0);
    },
  );

  it("an event id and message nobody knows is a final decline that keeps Viva's words", async () => {
    rig = await startRig({ style: 'cloud-terminal' });
    rig.sim.refuseNext({ responseCode: '', eventId: 1042, message: 'Card not supported by this terminal' });
    const result = await rig.driver.pay(request(4300), context());
    expect(result).toMatchObject({ outcome: 'declined', reason: 'declined', responseCode: '1042' });
    expect(describeResult(result, 'viva', 'cs')).toMatch(/^.+: Card not supported by this terminal$/);
  });
});
