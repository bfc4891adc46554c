// Viva's webhook receiver as an Express router for `payscript serve`. Viva's payloads carry no
// signature (viva.md, "Webhooks"), so the route is guarded twice: a secret token in its URL and an
// allow-list of source addresses. It answers Viva's verification GET with the key, hands events to
// the hub (which drops duplicates and never flips a verdict), and answers 200 to every readable
// event so Viva stops redelivering it.
//
// Mount: `app.use('/webhooks/viva', createVivaWebhookRouter({ hub: hubs.of(VIVA_WEBHOOK_HUB), ... }))`
// with the WebhookHubs of the host whose drivers wait for the events, and give Viva the URL
// `https://<public host>/webhooks/viva/<token>`. Behind a reverse proxy, set Express's
// `trust proxy` so `req.ip` is Viva's address, not the proxy's.
import { timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import express, { type Request, type Response, Router } from 'express';
import { parseJson } from '../cloud-http/json.js';
import { WebhookEnvelope, parseAnswer } from './messages.js';
import type { VivaWebhookHub } from './webhook-hub.js';

export interface VivaWebhookRouteOptions {
  /** The secret path segment; long and random (at least 16 characters). */
  token: string;
  /** What the verification GET answers, from Viva's message-config token endpoint. */
  key: string;
  /** Viva's sending addresses: IPv4/IPv6 addresses or CIDR ranges. */
  allowedAddresses: readonly string[];
  /** The hub of the host whose payments wait for these webhooks. */
  hub: VivaWebhookHub;
  /** Where refused and unreadable deliveries are reported (never with the token). */
  onWarning?: (message: string) => void;
}

/** @throws Error naming the option, for a short token or an address that does not parse. */
export function createVivaWebhookRouter(options: VivaWebhookRouteOptions): Router {
  if (options.token.length < 16) throw new Error('Viva webhook option token must be at least 16 characters');
  if (!options.key) throw new Error("Viva webhook option key must be the key from Viva's message-config token endpoint");
  const allowed = allowList(options.allowedAddresses);
  const { hub } = options;
  const warn = options.onWarning ?? (() => undefined);
  const expected = Buffer.from(options.token);

  const router = Router();
  router.use('/:token', (req: Request<{ token: string }>, res: Response, next) => {
    const address = sourceAddress(req);
    if (!allowed.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4')) {
      warn(`webhook refused: source address ${address} is not allowed`);
      res.status(403).end();
      return;
    }
    const given = Buffer.from(req.params.token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      warn(`webhook refused: wrong token from ${address}`);
      res.status(404).end();
      return;
    }
    next();
  });
  router.get('/:token', (_req, res) => {
    res.json({ Key: options.key });
  });
  // Read as text and parsed here: JSON.parse would round order codes above 2^53 (messages.ts).
  router.post('/:token', express.text({ type: () => true, limit: '64kb' }), (req, res) => {
    const event = parseAnswer(WebhookEnvelope, bodyOf(req.body));
    if (!event.ok) {
      warn(`webhook unreadable: ${event.error}`);
      res.status(400).json({ error: 'not a Viva webhook event' });
      return;
    }
    res.json({ delivery: hub.deliver(event.value) });
  });
  return router;
}

/** The posted JSON with long ids kept as digit strings; undefined when it is not JSON. */
function bodyOf(text: unknown): unknown {
  try {
    return typeof text === 'string' ? parseJson(text) : undefined;
  } catch {
    return undefined;
  }
}

function allowList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = net.isIP(address ?? '');
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || rest.length > 0 || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
      throw new Error(
        `Viva webhook option allowedAddresses has an entry that is not an address or CIDR range: ${JSON.stringify(entry)}`,
      );
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, bits, type);
  }
  return list;
}

/** IPv4 clients of a dual-stack server show as `::ffff:a.b.c.d`. */
function sourceAddress(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}
