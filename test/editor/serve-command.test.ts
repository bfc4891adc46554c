// `payscript serve` as `npm start` runs it: a child process with the embedded simulators, the URL
// and the first admin's one-time password on stdout, the page served, a clean stop on SIGTERM.
import { expect, it } from 'vitest';
import { serveProcess } from '../support/payscript-cli.js';
import { tempDir } from '../support/temp.js';

const WEBHOOK_TOKEN = 'test-token-0123456789abcdef';

it('serves the editor on 127.0.0.1 and prints the URL and a one-time admin password', async () => {
  const home = tempDir('serve-home');
  const { child, exited, match, printed } = await serveProcess(
    home,
    {
      PAYSCRIPT_ADMIN_PASSWORD: '',
      PAYSCRIPT_VIVA_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
      PAYSCRIPT_VIVA_WEBHOOK_KEY: 'viva-verification-key',
      PAYSCRIPT_VIVA_WEBHOOK_SOURCES: '127.0.0.1,::1',
    },
    /payscript editor on (http:\/\/127\.0\.0\.1:\d+\/)[\s\S]*one-time password (\S+)/,
  );
  const [, url, password] = match;
  expect(printed).toContain('terminals from embedded simulators');
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("worker-src 'self' blob:");
  expect(await page.text()).toContain('<script type="module" src="/assets/app.js">');
  const login = await fetch(new URL('/api/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'admin', password }),
  });
  expect(login.status).toBe(200);
  // Viva's receiver is mounted from the environment, outside the login and CSRF checks.
  const verification = await fetch(new URL(`/webhooks/viva/${WEBHOOK_TOKEN}`, url));
  expect(verification.status).toBe(200);
  expect(await verification.json()).toEqual({ Key: 'viva-verification-key' });
  expect((await fetch(new URL('/webhooks/viva/wrong-token-wrong-token', url))).status).toBe(404);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
