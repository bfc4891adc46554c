// The Terminals page's options form in a real browser against a real `payscript serve`, a ČSOB
// simulator and a Viva simulator that checks its credentials: a field per option built from the
// driver's schema, saving and reloading, a validation message next to its field, the raw JSON
// view, and a secret that never reaches the page but is kept (or typed over) on save.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVivaSimulator, VIVA_SIMULATOR_CREDENTIALS, type VivaSimulator } from '../../runtime/simulators/viva/index.js';
import { ADMIN_PASSWORD, type ApiClient, type TestServer } from '../editor/serve-harness.js';
import { type EditorInBrowser, logIn, screenshot, startEditorInBrowser } from './browser.js';

let viva: VivaSimulator;
let session: EditorInBrowser | undefined;
let t: TestServer;
let admin: ApiClient;
let page: Page;

beforeAll(async () => {
  viva = await startVivaSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
  session = await startEditorInBrowser({
    configure: (config) =>
      config.terminals.push({
        id: 'viva',
        protocol: 'viva',
        host: viva.host,
        port: viva.port,
        terminalId: viva.terminalId,
        timeoutSeconds: 20,
        options: {
          style: 'orders',
          merchantId: VIVA_SIMULATOR_CREDENTIALS.merchantId,
          apiKey: VIVA_SIMULATOR_CREDENTIALS.apiKey,
        },
      }),
  });
  ({ t, admin, page } = session);
  await logIn(page, t.server.url, 'admin', ADMIN_PASSWORD);
  await openTerminalsPage();
}, 60_000);

afterAll(async () => {
  await session?.close();
  await viva?.close();
});

const fileJson = () => JSON.parse(readFileSync(t.configFile, 'utf8'));
const option = (terminal: number, key: string) => page.locator(`[data-field="terminals.${terminal}.options.${key}"]`);
const save = () => page.getByRole('button', { name: 'Save settings' }).click();
const saveMessage = () => page.locator('.save-bar .save-message').innerText();

async function openTerminalsPage(): Promise<void> {
  await page.locator('.topbar nav a', { hasText: 'Terminals' }).click();
  await option(0, 'connectTimeoutMs').waitFor();
}

describe('terminal options form', () => {
  it("shows a field per option of the driver's schema with its type, default and help", async () => {
    const timeout = option(0, 'connectTimeoutMs');
    await expect.poll(() => timeout.locator('.label').innerText()).toBe('connectTimeoutMs');
    expect(await timeout.locator('input').inputValue()).toBe('');
    expect(await timeout.locator('input').getAttribute('type')).toBe('number');
    expect(await timeout.locator('input').getAttribute('placeholder')).toBe('default: 3000');
    expect(await timeout.locator('.option-help').innerText()).toBe(
      'number > 0 — How long to wait for the TCP connection to the terminal, in ms.',
    );
    expect(await option(0, 'reconnectAttempts').locator('.option-help').innerText()).toMatch(/^whole number ≥ 0 — /);
    expect(await option(0, 'crcCheck').locator('input[type="checkbox"]').isChecked()).toBe(false);

    // Viva's integration style is a choice of its two values, the default named.
    const style = option(1, 'style').locator('select');
    expect(await style.locator('option').allInnerTexts()).toEqual(['(default: orders)', 'orders', 'cloud-terminal']);
    expect(await style.inputValue()).toBe('orders');
    await screenshot(page, 'terminal-options-form');
  });

  it('saves an edited option, and a reload shows it', async () => {
    await option(0, 'connectTimeoutMs').locator('input').fill('4500');
    await option(0, 'crcCheck').locator('input').check();
    await save();
    await expect.poll(saveMessage).toBe('Saved. New runs use these settings.');
    expect(fileJson().terminals[0].options).toEqual({ connectTimeoutMs: 4500, crcCheck: true });

    await page.reload();
    await option(0, 'connectTimeoutMs').waitFor();
    expect(await option(0, 'connectTimeoutMs').locator('input').inputValue()).toBe('4500');
    expect(await option(0, 'crcCheck').locator('input').isChecked()).toBe(true);

    // Emptied, the option is removed and its default applies again.
    await option(0, 'connectTimeoutMs').locator('input').fill('');
    await option(0, 'crcCheck').locator('input').uncheck();
    await save();
    await expect.poll(saveMessage).toBe('Saved. New runs use these settings.');
    expect(fileJson().terminals[0].options).toEqual({});
  });

  it("shows the server's validation message next to the option, and saves nothing", async () => {
    const before = readFileSync(t.configFile, 'utf8');
    // Text the browser cannot read as a number is refused before anything is sent.
    await option(0, 'connectTimeoutMs').locator('input').pressSequentially('1e');
    await save();
    await expect.poll(() => option(0, 'connectTimeoutMs').locator('.field-error').innerText()).not.toBe('');
    expect(await saveMessage()).toBe('Not saved: fix the fields marked below.');
    expect(readFileSync(t.configFile, 'utf8')).toBe(before);

    await option(0, 'connectTimeoutMs').locator('input').fill('-5');
    await save();
    await expect
      .poll(() => option(0, 'connectTimeoutMs').locator('.field-error').innerText())
      .toBe('Too small: expected number to be >0');
    expect(await saveMessage()).toBe('Not saved: fix the fields marked below.');
    expect(readFileSync(t.configFile, 'utf8')).toBe(before);
    await screenshot(page, 'terminal-options-invalid');

    // The JSON view holds the same options and stays available.
    await page.locator('fieldset[data-terminal="desk1"]').getByRole('button', { name: 'Edit as JSON' }).click();
    const json = page.locator('fieldset[data-terminal="desk1"] textarea');
    expect(JSON.parse(await json.inputValue())).toEqual({ connectTimeoutMs: -5 });
    await json.fill('{ "connectTimeoutMs": 3500 }');
    await json.dispatchEvent('change');
    await save();
    await expect.poll(saveMessage).toBe('Saved. New runs use these settings.');
    expect(fileJson().terminals[0].options).toEqual({ connectTimeoutMs: 3500 });
    await page.locator('fieldset[data-terminal="desk1"]').getByRole('button', { name: 'Edit as form' }).click();
    expect(await option(0, 'connectTimeoutMs').locator('input').inputValue()).toBe('3500');
  });
});

describe('a secret option', () => {
  it('is a password field without the value; saving without typing keeps the stored secret', async () => {
    const apiKey = option(1, 'apiKey').locator('input');
    expect(await apiKey.getAttribute('type')).toBe('password');
    expect(await apiKey.inputValue()).toBe('');
    expect(await apiKey.getAttribute('placeholder')).toBe('stored — type to replace');
    expect(await page.content()).not.toContain(VIVA_SIMULATOR_CREDENTIALS.apiKey);

    await page.locator('[data-field="terminals.1.timeoutSeconds"] input').fill('25');
    await save();
    await expect.poll(saveMessage).toBe('Saved. New runs use these settings.');
    expect(fileJson().terminals[1]).toMatchObject({ timeoutSeconds: 25, options: { apiKey: VIVA_SIMULATOR_CREDENTIALS.apiKey } });
    // The Viva simulator accepts only its own credentials: the stored key still logs in.
    const test = await admin.post('/api/settings/terminals/viva/test', {});
    expect(test.body).toMatchObject({ terminal: 'viva', ok: true });
  });

  it('is asked for next to its field when another option changes, and a typed one is saved', async () => {
    await option(1, 'requestTimeoutMs').locator('input').fill('8000');
    await save();
    await expect
      .poll(() => option(1, 'apiKey').locator('.field-error').innerText())
      .toMatch(/^type the secret again \(options\.requestTimeoutMs changed/);
    expect(fileJson().terminals[1].options).not.toHaveProperty('requestTimeoutMs');

    await option(1, 'apiKey').locator('input').fill('a-wrong-key');
    await save();
    await expect.poll(saveMessage).toBe('Saved. New runs use these settings.');
    expect(fileJson().terminals[1].options).toMatchObject({ requestTimeoutMs: 8000, apiKey: 'a-wrong-key' });
    expect(await page.content()).not.toContain('a-wrong-key');
    expect((await admin.post('/api/settings/terminals/viva/test', {})).body).toMatchObject({ ok: false });
  });
});
