/**
 * Middleware barrel, imported as a directory by the server.
 *
 * `routeMiddleware` returns the ordered chain run before every handler:
 * authentication first (so the rate limiter can see the tenant), then rate
 * limiting for routes that opt in.
 */
import type { AppDeps, RequestContext } from '../context';
import type { Route } from '../routes';
import { authenticate } from './auth';

export { authenticate } from './auth';
export { RateLimiter, TokenBucket } from './rateLimit';
export type { RateLimitOptions } from './rateLimit';

export type Middleware = (ctx: RequestContext, route: Route) => void;

export function routeMiddleware(deps: AppDeps): Middleware[] {
  return [
    (ctx, route) => authenticate(ctx, route.auth, deps),
    (ctx, route) => {
      if (route.rateLimited) deps.rateLimiter.check(ctx);
    },
  ];
}
