// Login has no CSRF token yet (none exists before it), so a form or script on any web page could
// post to it from a desk's browser: to log the desk in as someone else, or to use up the failed
// logins every account is allowed. Browsers say where a request comes from (Sec-Fetch-Site,
// Origin); a request from elsewhere is refused before it counts, and so is any body but JSON,
// which another page cannot send without a CORS preflight (this server never grants one).
import type { NextFunction, Request, Response } from 'express';

/** `none` is a request the user made themselves (typed or bookmarked), not one a page made. */
const OWN_SITE = new Set(['same-origin', 'none']);

export function refuseCrossSite(req: Request, res: Response, next: NextFunction): void {
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  if ((site !== undefined && !OWN_SITE.has(site)) || (origin !== undefined && !isOwnOrigin(origin, req.get('host')))) {
    res.status(403).json({ error: 'a login from another site is refused' });
    return;
  }
  if (!req.is('application/json')) {
    res.status(415).json({ error: 'send the login as JSON (content-type: application/json)' });
    return;
  }
  next();
}

/** Host and port, whatever the scheme: a proxy in front may end TLS, so `req.protocol` can differ. */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  return URL.canParse(origin) && new URL(origin).host === host;
}
