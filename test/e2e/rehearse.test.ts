// The editor's Rehearse in a real browser against a real `payscript serve`: a consultant chooses
// protocols and outcomes, the matrix fills in live (grey, then green or red), a cell opens with its
// output and session log, the expectation file is edited and saved beside the script with the
// server's check; a cashier sees no Rehearse at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../editor/serve-harness.js';
import { type EditorInBrowser, logIn, screenshot, startEditorInBrowser } from './browser.js';

let session: EditorInBrowser | undefined;
let t: TestServer;
let page: Page;

const SCRIPT = 'scripts/e2e/ThrowsOnDecline.ts';
const REHEARSAL_TIMEOUT = 120_000;

beforeAll(async () => {
  session = await startEditorInBrowser();
  const { admin } = session;
  ({ t, page } = session);
  await admin.post('/api/users', { name: 'konzultant', role: 'consultant', password: 'consultant-pass' });
  await admin.post('/api/users', { name: 'kasa', role: 'cashier', password: 'cashier-pass' });
  const content = readFileSync(join('test', 'fixtures', 'rehearsal', 'throws-on-decline.ts'), 'utf8');
  expect((await admin.post('/api/scripts/file', { path: SCRIPT, content })).status).toBe(201);
}, 60_000);

afterAll(() => session?.close());

/** Leaves exactly these boxes of a choice group checked. */
async function choose(group: 'protocol' | 'outcome', names: string[]): Promise<void> {
  for (const box of await page.locator(`.choices input[name="${group}"]`).all())
    await box.setChecked(names.includes((await box.getAttribute('value')) as string));
}

describe('Rehearse in the editor', () => {
  it(
    'fills the matrix live as cells finish, green and red, and opens a cell with its output and session log',
    async () => {
      await logIn(page, t.server.url, 'konzultant', 'consultant-pass');
      await page.locator(`.file-tree button[data-path="${SCRIPT}"]`).click();
      await expect.poll(() => page.locator('.toolbar .file-name').innerText()).toBe(SCRIPT);
      await page.getByRole('tab', { name: 'Rehearsal' }).click();
      await page.locator('.choices input[name="outcome"]').first().waitFor();
      await choose('protocol', ['csob', 'nets']);
      await choose('outcome', ['approved', 'issuer-declined']);

      // How many cells are still grey each time the matrix changes: cells must turn one by one.
      await page.evaluate(() => {
        const seen: number[] = [];
        (window as unknown as { pendingSeen: number[] }).pendingSeen = seen;
        const matrix = document.querySelector('.rehearsal-matrix')!;
        new MutationObserver(() => seen.push(matrix.querySelectorAll('td.cell.pending').length)).observe(matrix, {
          subtree: true,
          childList: true,
          attributes: true,
        });
      });
      await page.getByRole('button', { name: '▦ Rehearse' }).click();
      await expect
        .poll(() => page.locator('.rehearse .panel-status').innerText(), { timeout: REHEARSAL_TIMEOUT })
        .toBe('2 of 4 cell(s) passed.');
      const pendingSeen = await page.evaluate(() => (window as unknown as { pendingSeen: number[] }).pendingSeen);
      expect(pendingSeen).toContain(4);
      expect(pendingSeen.some((n) => n > 0 && n < 4)).toBe(true);
      expect(pendingSeen.at(-1)).toBe(0);

      const cell = (outcome: string, protocol: string) =>
        page.locator(`.rehearsal-matrix td[data-outcome="${outcome}"][data-protocol="${protocol}"]`);
      expect(await page.locator('.rehearsal-matrix thead th').allInnerTexts()).toEqual(['outcome', 'csob', 'nets']);
      for (const protocol of ['csob', 'nets']) {
        expect(await cell('approved', protocol).getAttribute('class')).toBe('cell ok');
        expect(await cell('approved', protocol).innerText()).toMatch(/^ok · finished\s+1\. Approved\s+charged once$/);
        expect(await cell('issuer-declined', protocol).getAttribute('class')).toBe('cell failed');
        expect(await cell('issuer-declined', protocol).innerText()).toMatch(/^FAIL · threw\s+1\. Declined\s+not charged$/);
      }
      await screenshot(page, '10-rehearsal-matrix');

      await cell('issuer-declined', 'nets').getByRole('button').click();
      const detail = page.locator('.cell-detail');
      await detail.locator('h3').waitFor();
      expect(await detail.locator('h3').innerText()).toBe('issuer-declined on nets: failed · threw · not charged');
      expect(await detail.locator('.cell-failures').innerText()).toBe('the script threw: payment Declined');
      expect(await detail.locator('.cell-output').innerText()).toBe('■ payment Declined');
      const sessionLog = await detail.locator('.cell-session-log').innerText();
      expect(sessionLog).toContain('[sim-nets] >> POST /v1/terminal/SIMNETS1/transaction');
      expect(sessionLog).toContain(`[script ${SCRIPT}] run started`);
      await cell('approved', 'csob').getByRole('button').click();
      await expect.poll(() => detail.locator('h3').innerText()).toBe('approved on csob: passed · finished · charged once');
      expect(await detail.locator('.cell-output').innerText()).toBe('payment: Approved');
      await screenshot(page, '11-rehearsal-cell');

      // Away to another page and back: the matrix of the last rehearsal is there again.
      await page.locator('.topbar nav a', { hasText: 'Transactions' }).click();
      await page.locator('.topbar nav a', { hasText: 'Editor' }).click();
      await page.getByRole('tab', { name: 'Rehearsal' }).click();
      await expect.poll(() => page.locator('.rehearse .panel-status').innerText()).toBe('2 of 4 cell(s) passed.');
      expect(await page.locator('.rehearsal-matrix td.cell.ok').count()).toBe(2);
      expect(await page.locator('.rehearsal-matrix td.cell.failed').count()).toBe(2);
    },
    REHEARSAL_TIMEOUT,
  );

  it(
    'edits the expectation file beside the script: a problem is named and nothing saved, a good file is saved and judged by',
    async () => {
      await page.getByRole('tab', { name: 'Expectations' }).click();
      const text = page.getByLabel('Expectation file');
      expect(JSON.parse(await text.inputValue())).toEqual({
        all: { finishes: true, neverChargedTwice: true, nothingInDoubt: true },
      });
      expect(await page.locator('.expectations .file-name').innerText()).toBe('scripts/e2e/ThrowsOnDecline.expect.json (new)');
      await text.fill('{ "outcomes": { "issuer-declined": { "finishes": "no" } } }');
      await page.getByRole('button', { name: 'Save expectations' }).click();
      await expect
        .poll(() => page.locator('.expectations .panel-status').innerText())
        .toContain('Not saved: expectation file scripts/e2e/ThrowsOnDecline.expect.json: outcomes.issuer-declined.finishes:');
      expect((await (await t.login()).get(`/api/scripts/expectations?path=${SCRIPT}`)).body.content).toBeUndefined();
      // The unsaved text waits while another script is open, as an unsaved script does.
      await page.locator('.file-tree button[data-path="examples/Prikl_142.ts"]').click();
      await expect
        .poll(() => page.locator('.expectations .file-name').innerText())
        .toBe('examples/Prikl_142.expect.json (read-only)');
      expect(await text.getAttribute('readonly')).toBe('');
      await page.locator(`.file-tree button[data-path="${SCRIPT}"]`).click();
      await expect.poll(() => text.inputValue()).toBe('{ "outcomes": { "issuer-declined": { "finishes": "no" } } }');

      // Throwing on a declined card is what this unit is meant to do.
      await text.fill('{ "outcomes": { "issuer-declined": { "finishes": false } } }');
      await page.getByRole('button', { name: 'Save expectations' }).click();
      await expect.poll(() => page.locator('.expectations .panel-status').innerText()).toBe('Saved.');
      await page.getByRole('tab', { name: 'Rehearsal' }).click();
      await page.getByRole('button', { name: '▦ Rehearse' }).click();
      await expect
        .poll(() => page.locator('.rehearse .panel-status').innerText(), { timeout: REHEARSAL_TIMEOUT })
        .toBe('4 of 4 cell(s) passed.');
      expect(await page.locator('.rehearsal-matrix td.cell.failed').count()).toBe(0);
    },
    REHEARSAL_TIMEOUT,
  );

  it('shows a cashier no Rehearse, no rehearsal and no expectations', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    // Logging out reloads the page: navigating again before the login form is up would abort one of the two.
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await logIn(page, t.server.url, 'kasa', 'cashier-pass');
    await page.locator('.monaco-editor .view-lines').waitFor();
    await page.getByRole('button', { name: '▶ Run' }).waitFor();
    expect(await page.getByRole('button', { name: '▦ Rehearse' }).count()).toBe(0);
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await page.locator('.rehearse, .expectations').count()).toBe(0);
  });
});
