// The web editor in a real browser against a real `payscript serve` and a ČSOB simulator: log in,
// IntelliSense and type errors from the bindings, Prikl_142 with live terminal status, merchant
// abort, a runtime error placed on its line, the Terminals page, the transaction list with a
// settlement by hand, and what a cashier does not see. Screenshots of each page go to test/e2e/screenshots/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../runtime/journal/open-journal.js';
import { ADMIN_PASSWORD, type ApiClient, type TestServer } from '../editor/serve-harness.js';
import { type EditorInBrowser, logIn, screenshot, startEditorInBrowser } from './browser.js';

let session: EditorInBrowser | undefined;
let t: TestServer;
let admin: ApiClient;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  // A card flow long enough for the status line to be seen, short enough for a quick suite.
  session = await startEditorInBrowser({ delayMs: 150 });
  ({ t, admin, browser, page } = session);
  await admin.post('/api/users', { name: 'kasa', role: 'cashier', password: 'cashier-pass' });
  await admin.post('/api/scripts/file', { path: 'scripts/e2e/Typing.ts', content: '' });
  await admin.post('/api/scripts/file', {
    path: 'scripts/e2e/Slow.ts',
    content:
      "// 55 cents: the simulated customer never finishes.\nconst p = new TPaymentClient('99.55', 'CZK');\np.Execute();\nconsole.log('after abort: ' + p.Status);\np.Free();\n",
  });
  await admin.post('/api/scripts/file', {
    path: 'scripts/e2e/Pay.ts',
    content: "const p = new TPaymentClient('3.00', 'CZK');\np.Execute();\nconsole.log('paid: ' + p.Status);\np.Free();\n",
  });
  await admin.post('/api/scripts/file', {
    path: 'scripts/e2e/Broken.ts',
    content: "console.log('starting');\n\nthrow new Error('document total is missing');\n",
  });
}, 60_000);

afterAll(() => session?.close());

/** Opens a file and waits until the editor shows it: the tree marks it once its model is in the editor. */
const openFile = async (path: string) => {
  await page.locator(`.file-tree button[data-path="${path}"]`).click();
  await page.locator(`.file-tree .active[data-path="${path}"]`).waitFor({ timeout: 20_000 });
};
const editorText = () => page.locator('.monaco-editor .view-lines').innerText();

describe('editor page', () => {
  it('logs in and shows the editor with the script tree', async () => {
    await page.goto(t.server.url);
    await page.getByLabel('User').waitFor();
    await screenshot(page, '1-login');
    await logIn(page, t.server.url, 'admin', ADMIN_PASSWORD);
    await expect.poll(() => page.locator('.topbar nav a').allInnerTexts()).toEqual(['Editor', 'Terminals', 'Transactions']);
    await page.locator('.monaco-editor .view-lines').waitFor();
    await expect.poll(editorText).toContain('Prikl_142');
    expect(await page.locator('.file-tree summary.root').allInnerTexts()).toEqual([
      expect.stringMatching(/^examples\s*read-only$/),
      'scripts',
    ]);
  });

  it('completes `new TPay` from the bindings and marks a type error', async () => {
    await openFile('scripts/e2e/Typing.ts');
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.type('const p = new TPay');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await expect
      .poll(() => suggestions.allInnerTexts(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('TPaymentClient')]));
    await screenshot(page, '2-editor-completion');
    await page.keyboard.press('Escape');
    await page.keyboard.type("mentClient(100, 'CZK');\nconst total: number = p.Status;\n");
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.toolbar .file-name').innerText()).toBe('scripts/e2e/Typing.ts');
  });

  it('runs Prikl_142 with a live terminal status and its five results', async () => {
    await openFile('examples/Prikl_142.ts');
    await page.getByLabel('PC').fill('KASA1');
    await page.getByLabel('Language').selectOption('cs');
    await page.getByRole('button', { name: '▶ Run' }).click();
    const status = page.locator('.run-status.waiting');
    await status.waitFor({ timeout: 20_000 });
    expect(await status.innerText()).toMatch(/^desk1: /);
    await screenshot(page, '3-editor-running');
    await page.locator('.line.run-end').waitFor({ timeout: 30_000 });
    const results = page.locator('.line.transaction');
    expect(await results.count()).toBe(5);
    for (const text of await results.allInnerTexts()) expect(text).toMatch(/^Approved\s/);
    expect((await results.allInnerTexts()).join('\n')).toContain('Schváleno');
    expect(await page.locator('.run-status').innerText()).toBe('Finished: 5 transaction(s).');
    await screenshot(page, '4-editor-finished');
  });

  it('aborts a payment waiting at the terminal: it ends Cancelled', async () => {
    await openFile('scripts/e2e/Slow.ts');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.locator('.line.terminal-status', { hasText: 'request sent' }).first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '■ Abort' }).click();
    await page.locator('.line.run-end').waitFor({ timeout: 20_000 });
    expect(await page.locator('.line.transaction .badge').allInnerTexts()).toEqual(['Cancelled']);
    expect(await page.locator('.line.console').allInnerTexts()).toEqual(['after abort: Cancelled']);
  });

  it('puts the cursor on the line of a runtime error', async () => {
    await openFile('scripts/e2e/Broken.ts');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.locator('.line.run-end.error').waitFor({ timeout: 20_000 });
    expect(await page.locator('.line.run-end.error').innerText()).toContain(
      'document total is missing (scripts/e2e/Broken.ts:3:',
    );
    await expect.poll(() => page.locator('.monaco-editor .line-numbers.active-line-number').innerText()).toBe('3');
  });
});

describe('terminals page', () => {
  it('tests the connection and shows config problems next to their field', async () => {
    await page.locator('.topbar nav a', { hasText: 'Terminals' }).click();
    await page.getByRole('button', { name: 'Test connection with terminal' }).click();
    await expect.poll(() => page.locator('.test-result').innerText(), { timeout: 20_000 }).toMatch(/^Terminal: OK in \d+ ms/);
    await page.getByRole('button', { name: 'Test connection with bank' }).click();
    await expect.poll(() => page.locator('.test-result').innerText(), { timeout: 20_000 }).toMatch(/^Bank: OK in \d+ ms/);
    await screenshot(page, '5-terminals');

    await page.locator('[data-field="terminals.0.port"] input').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.locator('[data-field="terminals.0.port"] .field-error').innerText())
      .toBe('Invalid input: expected number, received undefined');
    await screenshot(page, '6-terminals-invalid');
    await page.locator('[data-field="terminals.0.port"] input').fill(String(t.simulator.port));
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.save-bar .save-message').innerText()).toBe('Saved. New runs use these settings.');
  });
});

describe('transactions page', () => {
  it("filters the journal's log and reprints a receipt's merchant and customer copies", async () => {
    await page.locator('.topbar nav a', { hasText: 'Transactions' }).click();
    const rows = page.locator('table.transactions tbody tr');
    // Prikl_142's five results and the aborted slow payment, read from the journal after the
    // Terminals page replaced the host.
    await expect.poll(() => rows.count()).toBe(6);
    const filter = () => page.getByRole('button', { name: 'Filter' }).click();

    await page.getByLabel('Result').selectOption('aborted');
    await filter();
    await expect.poll(() => rows.count()).toBe(1);
    // The editor's desk language (Czech) is the page's default; another one can be chosen.
    await expect.poll(() => rows.first().innerText()).toMatch(/99\.55 CZK[\s\S]*cancelled[\s\S]*Zrušeno pokladnou/);
    expect(await rows.first().getByRole('button', { name: 'Receipt' }).count()).toBe(0);
    await page.getByLabel('Language').selectOption('en');
    await expect.poll(() => rows.first().innerText()).toContain('Cancelled by the cash desk');

    await page.getByLabel('Result').selectOption('success');
    await page.getByLabel('Terminal').fill('desk1');
    await page.getByLabel('PC').fill('KASA1');
    await page.getByLabel('From').fill(localDay(new Date()));
    await filter();
    await expect.poll(() => rows.count()).toBe(5);
    await page.getByLabel('PC').fill('KASA9');
    await filter();
    await expect.poll(() => rows.innerText()).toBe('No transactions match.');
    await page.getByLabel('PC').fill('KASA1');
    await filter();
    await expect.poll(() => rows.count()).toBe(5);

    const payment = rows.filter({ hasText: '1250.00 CZK' }).filter({ hasText: 'TPaymentClient' });
    await payment.getByRole('button', { name: 'Receipt' }).click();
    const receipt = page.locator('.receipt-text');
    await expect.poll(() => receipt.innerText()).toContain('Kopie pro obchodníka');
    expect(await receipt.innerText()).toMatch(/\*{6}\d{4}/);
    await page.getByRole('button', { name: 'Customer copy' }).click();
    await expect.poll(() => receipt.innerText()).toContain('Kopie pro zákazníka');
    await screenshot(page, '7-transactions-receipt');
    await page.locator('dialog.receipt').getByRole('button', { name: 'close' }).click();
    await expect.poll(() => page.locator('dialog.receipt').isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => rows.count()).toBe(6);
    expect(await page.getByLabel('Result').inputValue()).toBe('');
    await screenshot(page, '7-transactions');
  });

  it('settles by hand a transaction a dead host left in doubt on a terminal that is gone', async () => {
    const journal = openJournal(join(t.dir, 'data'));
    const deadHost = spawnSync(process.execPath, ['-e', '']).pid!;
    await journal.append(
      {
        id: 'e2e-gone',
        kind: 'sale',
        client: 'TPaymentClient',
        terminal: 'old-desk',
        protocol: 'csob',
        amountMinor: 7700,
        currency: 'CZK',
        allowRepeat: false,
        ownerPid: deadHost,
      },
      { status: 'in-doubt', responseCode: '', reason: 'timeout', descriptionKey: 'timeout' },
      'write-ahead',
    );
    await journal.close();
    const rows = page.locator('table.transactions tbody tr');
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => rows.count()).toBe(7);
    const stuck = rows.filter({ hasText: 'old-desk' });
    expect(await stuck.innerText()).toContain('in-doubt');
    // Settled transactions offer no such action.
    expect(await rows.getByRole('button', { name: 'Settle…' }).count()).toBe(1);
    await stuck.getByRole('button', { name: 'Settle…' }).click();
    const dialog = page.locator('dialog.settle');
    await dialog.getByLabel('Outcome').selectOption('failed');
    await dialog.getByRole('button', { name: 'Settle' }).click();
    // The note is required: the browser keeps the form until it is given.
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Note').fill('bank statement of the day: not charged');
    await screenshot(page, '7-transactions-settle');
    await dialog.getByRole('button', { name: 'Settle' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => stuck.innerText()).toMatch(/failed/);
    expect(await rows.getByRole('button', { name: 'Settle…' }).count()).toBe(0);
  });
});

/** YYYY-MM-DD of this machine's day, as the date filter means it. */
function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

describe('cashier', () => {
  it('gets the PCs an admin assigned on the Users page, and the journal records the account', async () => {
    await page.locator('.topbar nav a', { hasText: 'Terminals' }).click();
    await page.getByLabel('PCs of kasa').fill('KASA3, KASA1');
    await page.locator('.users-table tr', { hasText: 'kasa' }).getByRole('button', { name: 'save PCs' }).click();
    await expect.poll(() => page.locator('.users .save-message').innerText()).toBe('PCs of kasa saved.');
    expect(await page.getByLabel('PCs of kasa').inputValue()).toBe('KASA3, KASA1');

    const cashier = await browser.newPage();
    await cashier.context().clearCookies();
    await logIn(cashier, t.server.url, 'kasa', 'cashier-pass');
    await cashier.locator('.monaco-editor .view-lines').waitFor();
    // No free text: the assigned PCs to choose from, and no other user to run as.
    const pcChoice = cashier.locator('.toolbar select.desk-pc');
    expect(await pcChoice.locator('option').allInnerTexts()).toEqual(['KASA3', 'KASA1']);
    expect(await cashier.locator('.toolbar .desk-user').count()).toBe(0);
    await pcChoice.selectOption('KASA1');
    await cashier.locator('.file-tree button[data-path="scripts/e2e/Pay.ts"]').click();
    await expect.poll(() => cashier.locator('.toolbar .file-name').innerText()).toBe('scripts/e2e/Pay.ts (read-only)');
    await cashier.getByRole('button', { name: '▶ Run' }).click();
    await cashier.locator('.line.run-end.ok').waitFor({ timeout: 20_000 });

    await cashier.locator('.topbar nav a', { hasText: 'Transactions' }).click();
    const newest = cashier.locator('table.transactions tbody tr').first();
    await expect.poll(() => newest.innerText()).toContain('3.00 CZK');
    expect(await newest.locator('td.desk').innerText()).toMatch(/^KASA1 \/ kasa\s+by kasa\s+scripts\/e2e\/Pay\.ts/);
    await screenshot(cashier, '9-cashier-transactions');
    await cashier.close();
  });

  it('sees no settings and cannot save, but runs saved scripts', async () => {
    const cashier = await browser.newPage();
    await cashier.context().clearCookies();
    await logIn(cashier, t.server.url, 'kasa', 'cashier-pass');
    expect(await cashier.locator('.topbar nav a').allInnerTexts()).toEqual(['Editor', 'Transactions']);
    await cashier.goto(`${t.server.url}#terminals`);
    await cashier.locator('.monaco-editor .view-lines').waitFor();
    expect(cashier.url()).toMatch(/#editor$/);
    expect(await cashier.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await cashier.getByRole('button', { name: 'New…' }).count()).toBe(0);
    await cashier.locator('.file-tree button[data-path="scripts/e2e/Typing.ts"]').click();
    await expect.poll(() => cashier.locator('.toolbar .file-name').innerText()).toBe('scripts/e2e/Typing.ts (read-only)');
    await cashier.getByRole('button', { name: '▶ Run' }).click();
    await cashier.locator('.line.run-end.ok').waitFor({ timeout: 20_000 });
    await screenshot(cashier, '8-cashier');
    await cashier.close();
  });
});
