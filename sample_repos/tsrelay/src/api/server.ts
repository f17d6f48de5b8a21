/**
 * HTTP server.
 *
 * Wires node:http to the route table: matches the route, reads the raw body,
 * runs the middleware chain (auth, rate limit), calls the handler and maps
 * thrown errors to JSON error responses. Every request is logged with a
 * request id, which is echoed back in `x-request-id`.
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { requestId as newRequestId } from '@utils/ids';
import { logger } from '@utils/logger';
import { RateLimitedError, RelayError, toErrorResponse } from '@utils/errors';
import { metrics } from '@metrics/counters';
import { readBody } from './body';
import { firstHeader } from './context';
import type { AppDeps, HandlerResponse, RequestContext } from './context';
import { routeMiddleware } from './middleware';
import { buildRoutes, matchRoute } from './routes';
import type { CompiledRoute } from './routes';

function send(res: ServerResponse, response: HandlerResponse, requestId: string): void {
  const headers: Record<string, string> = { 'x-request-id': requestId, ...response.headers };
  let payload: string | undefined = response.raw;
  if (payload === undefined && response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

async function handle(deps: AppDeps, routes: CompiledRoute[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = deps.clock.now();
  const requestId = firstHeader(req.headers, 'x-request-id') ?? newRequestId();
  const log = logger.child({ requestId });
  const url = new URL(req.url ?? '/', 'http://relay.local');
  const method = req.method ?? 'GET';
  const middleware = routeMiddleware(deps);
  let routeLabel = 'unmatched';
  let response: HandlerResponse;

  try {
    const match = matchRoute(routes, method, url.pathname);
    if (!match) throw new RelayError(404, 'route_not_found', `no route for ${method} ${url.pathname}`);
    routeLabel = match.route.pattern;
    const rawBody = method === 'GET' || method === 'DELETE' ? '' : await readBody(req, deps.config.server.maxBodyBytes);
    const ctx: RequestContext = {
      req,
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      requestId,
      log,
      isAdmin: false,
    };
    for (const step of middleware) step(ctx, match.route);
    response = await match.route.handler(ctx);
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) log.error('request failed', { err, route: routeLabel });
    const headers = err instanceof RateLimitedError ? { 'retry-after': String(err.retryAfterSeconds) } : undefined;
    response = { status, body, headers };
  }

  send(res, response, requestId);
  metrics.httpRequests.inc({ route: routeLabel, method, status: String(response.status) });
  log.info('request', { method, route: routeLabel, status: response.status, durationMs: deps.clock.now() - started });
}

export function createServer(deps: AppDeps): Server {
  const routes = buildRoutes(deps);
  return createHttpServer((req, res) => {
    handle(deps, routes, req, res).catch((err) => {
      logger.error('unhandled error writing response', { err });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
}
