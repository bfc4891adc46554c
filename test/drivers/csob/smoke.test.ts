import { afterEach, expect, test } from 'vitest';
import { type Rig, context, rig, sale } from './harness.js';

let r: Rig;
afterEach(() => r?.close());

test('smoke', async () => {
  r = await rig();
  const result = await r.driver.pay(sale(10000), context());
  console.log(result, r.log.frames, r.log.warnings);
  expect(result.outcome).toBe('approved');
});
