// Webhook receivers `payscript serve` mounts under /webhooks/<name>. Their secrets come from the
// environment, not the config file, so the settings page (which shows the config) never holds them.
import type { Router } from 'express';
import { VIVA_WEBHOOK_HUB } from '../drivers/viva/webhook-hub.js';
import { createVivaWebhookRouter } from '../drivers/viva/webhook-routes.js';
import type { WebhookHubs } from '../terminals/webhook-hubs.js';
import { UsageError } from './usage.js';

/**
 * Viva's receiver when PAYSCRIPT_VIVA_WEBHOOK_TOKEN is set: the secret path segment, the key the
 * verification GET answers (PAYSCRIPT_VIVA_WEBHOOK_KEY, from Viva's message-config token endpoint)
 * and Viva's sending addresses (PAYSCRIPT_VIVA_WEBHOOK_SOURCES, comma-separated addresses or CIDRs).
 * It delivers to the Viva hub of `hubs`, the server's.
 */
export function webhookRoutersFromEnvironment(
  env: NodeJS.ProcessEnv,
  hubs: WebhookHubs,
  warn: (message: string) => void,
): Record<string, Router> {
  const token = env.PAYSCRIPT_VIVA_WEBHOOK_TOKEN;
  if (!token) return {};
  const key = env.PAYSCRIPT_VIVA_WEBHOOK_KEY ?? '';
  const allowedAddresses = (env.PAYSCRIPT_VIVA_WEBHOOK_SOURCES ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (allowedAddresses.length === 0) {
    throw new UsageError('PAYSCRIPT_VIVA_WEBHOOK_SOURCES must list the addresses Viva sends webhooks from');
  }
  try {
    return { viva: createVivaWebhookRouter({ token, key, allowedAddresses, hub: hubs.of(VIVA_WEBHOOK_HUB), onWarning: warn }) };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
