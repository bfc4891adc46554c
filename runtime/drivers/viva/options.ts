// Viva driver settings from the terminal's entry, as one zod schema: the only description of the
// options, including what each style requires. `host`/`port` are the API base of Viva's cloud (or
// the simulator); `terminalId` is the terminal's serial number, which is also its source code in
// the orders style (viva.md, "A"). zod's messages never carry a value, so no credential leaks.
import * as z from 'zod';
import { milliseconds, optionsObject } from '../options-schema.js';

export const VIVA_STYLES = ['orders', 'cloud-terminal'] as const;
export type VivaStyle = (typeof VIVA_STYLES)[number];

export interface BasicCredentials {
  user: string;
  password: string;
}

/** Production and demo API hosts and their accounts hosts (Viva's developer portal). */
const TOKEN_HOSTS: Readonly<Record<string, string>> = {
  'api.vivapayments.com': 'accounts.vivapayments.com',
  'demo-api.vivapayments.com': 'demo-accounts.vivapayments.com',
};

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const credential = () => z.string().min(1, 'must be a non-empty string').optional();

/** https, or http to a loopback host only (the simulator), so credentials never cross a network in clear. */
function isAllowedUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname.replace(/^\[|\]$/g, '')));
}

/** Which credentials each style needs: orders log in as merchant, the cloud terminal as OAuth client. */
const STYLE_CREDENTIALS = {
  orders: ['merchantId', 'apiKey'],
  'cloud-terminal': ['clientId', 'clientSecret'],
} as const;

export const vivaOptionsSchema = z
  .object({
    id: z.string(),
    host: z.string(),
    port: z.number().int().min(1).max(65535),
    terminalId: z.string().regex(/^[\x21-\x7e]{1,64}$/, "must be the terminal's serial number (1–64 printable characters)"),
    timeoutSeconds: z.number().positive(),
    options: optionsObject({
      style: z
        .enum(VIVA_STYLES)
        .default('orders')
        .describe('orders: payment orders per terminal (merchantId, apiKey); cloud-terminal: sessions (clientId, clientSecret).'),
      scheme: z.enum(['https', 'http']).optional().describe('empty: http for a loopback host (the simulator), else https.'),
      merchantId: credential().describe('Orders style: the merchant id.'),
      apiKey: credential().describe("Orders style: the merchant's API key."),
      // Orders style: the orders API gives money back only against a parent transaction, so a return
      // to a presented card goes through the cloud terminal API's unreferenced refund.
      clientId: credential().describe('Cloud terminal: the OAuth client id. Orders style: needed for returns, else refused.'),
      clientSecret: credential().describe('The OAuth client secret that goes with clientId.'),
      tokenUrl: z
        .string()
        .refine(isAllowedUrl, 'must be an https URL (http only to a loopback host)')
        .optional()
        .describe("The accounts host's token endpoint for clientId; empty: Viva's own for its API hosts."),
      cashRegisterId: z
        .string()
        .regex(/^[\x20-\x7e]{1,64}$/, 'must be 1–64 printable characters')
        .optional()
        .describe("Cloud terminal: this register's name, sent with every sale and abort; empty: the terminal's id here."),
      // viva.md: without webhooks the register polls "every few seconds".
      pollIntervalMs: milliseconds().default(2000).describe('How often to ask for the result while no webhook came, in ms.'),
      requestTimeoutMs: milliseconds().default(10_000).describe("Each HTTP request's own time limit, in ms."),
      lookupAttempts: z
        .number()
        .int()
        .positive()
        .default(3)
        .describe('How often recovery asks for the result after an abort before calling it in doubt.'),
    }),
  })
  .superRefine(({ host, options }, ctx) => {
    const problem = (option: string, message: string) => ctx.addIssue({ code: 'custom', path: ['options', option], message });
    if (options.scheme === 'http' && !LOOPBACK.has(host))
      problem('scheme', `"http" is only allowed for a loopback host (credentials would travel in clear), host is ${host}`);
    for (const name of STYLE_CREDENTIALS[options.style]) {
      if (options[name] === undefined) problem(name, `is required for style ${options.style}`);
    }
    if (options.style === 'cloud-terminal') {
      for (const name of STYLE_CREDENTIALS.orders) {
        if (options[name] !== undefined)
          problem(name, 'belongs to style orders; style cloud-terminal uses clientId and clientSecret');
      }
    } else if ((options.clientId === undefined) !== (options.clientSecret === undefined)) {
      for (const name of STYLE_CREDENTIALS['cloud-terminal']) {
        if (options[name] === undefined)
          problem(name, 'is required for returns in style orders (clientId and clientSecret go together)');
      }
    }
  })
  .transform(({ id, host, port, timeoutSeconds, options }) => {
    const scheme = options.scheme ?? (LOOPBACK.has(host) ? 'http' : 'https');
    const baseUrl = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
    // The refinement above has made sure each style's pair is present.
    const pair = (user = '', password = ''): BasicCredentials => ({ user, password });
    const cloud = options.style === 'cloud-terminal';
    const returns = !cloud && options.clientId !== undefined;
    return {
      style: options.style,
      /** `https://host[:port]`; plain http only to a loopback simulator. */
      baseUrl,
      /** Orders style: merchant id : API key. Cloud terminal: OAuth client id : secret. */
      credentials: cloud ? pair(options.clientId, options.clientSecret) : pair(options.merchantId, options.apiKey),
      ...(returns && { returnCredentials: pair(options.clientId, options.clientSecret) }),
      tokenUrl:
        options.tokenUrl ?? (TOKEN_HOSTS[host] ? `https://${TOKEN_HOSTS[host]}/connect/token` : `${baseUrl}/connect/token`),
      cashRegisterId: options.cashRegisterId ?? id,
      pollIntervalMs: options.pollIntervalMs,
      requestTimeoutMs: options.requestTimeoutMs,
      lookupAttempts: options.lookupAttempts,
      /** Card flow plus host answer: `config.timeoutSeconds`. */
      resultTimeoutMs: timeoutSeconds * 1000,
    };
  });

export type VivaOptions = z.output<typeof vivaOptionsSchema>;
