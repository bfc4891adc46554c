// Health for monitoring and load balancers. `GET /healthz` needs no session and says only up /
// degraded / down (degraded: the journal cannot be used, so payments are refused); its status code
// lets a balancer send desks elsewhere. `GET /api/health` gives admins the details.
import { Router, type Request, type Response } from 'express';
import type { HostHealth } from '../../runtime/host/payscript-host.js';
import type { LiveHost } from './live-host.js';

export type HealthStatus = 'up' | 'degraded' | 'down';

export function healthzRoute(host: LiveHost): Router {
  const router = Router();
  router.get('/healthz', async (_req: Request, res: Response<{ status: HealthStatus }>) => {
    const status = await host.health().then(statusOf, (): HealthStatus => 'down');
    res.status(status === 'up' ? 200 : 503).json({ status });
  });
  return router;
}

/** Mounted behind the login and an admin permission: the journal's cause names its folder. */
export function healthDetailsRoute(host: LiveHost): Router {
  const router = Router();
  router.get('/', async (_req: Request, res: Response<HostHealth & { status: HealthStatus }>) => {
    const health = await host.health();
    res.json({ status: statusOf(health), ...health });
  });
  return router;
}

function statusOf(health: HostHealth): HealthStatus {
  return health.journal.available ? 'up' : 'degraded';
}
