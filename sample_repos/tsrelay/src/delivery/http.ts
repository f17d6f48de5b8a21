/**
 * Outbound HTTP sender.
 *
 * Performs a single delivery attempt: POSTs the rendered body to the endpoint
 * URL with a timeout, and reduces the response to a `DeliveryOutcome` that
 * the worker and retry policy can reason about. Never throws for network or
 * HTTP failures; those are reported in the outcome.
 */
import { systemClock } from '@utils/clock';
import type { Clock } from '@utils/clock';

export interface DeliveryRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface DeliveryOutcome {
  ok: boolean;
  /** HTTP status, absent when the request never got a response. */
  status?: number;
  /** Network/timeout error description, absent when a response arrived. */
  error?: string;
  /** First bytes of the response body, kept for the delivery log. */
  responseSnippet?: string;
  durationMs: number;
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;
export type Sender = (request: DeliveryRequest) => Promise<DeliveryOutcome>;

const SNIPPET_LIMIT = 512;

async function readSnippet(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.length > SNIPPET_LIMIT ? `${text.slice(0, SNIPPET_LIMIT)}…` : text;
  } catch {
    return '';
  }
}

export async function sendDelivery(
  request: DeliveryRequest,
  fetcher: Fetcher = fetch,
  clock: Clock = systemClock,
): Promise<DeliveryOutcome> {
  const started = clock.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await fetcher(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    const responseSnippet = await readSnippet(response);
    return {
      ok: response.status >= 200 && response.status < 300,
      status: response.status,
      responseSnippet,
      durationMs: clock.now() - started,
    };
  } catch (err) {
    const aborted = err instanceof Error && err.name === 'AbortError';
    return {
      ok: false,
      error: aborted ? `timed out after ${request.timeoutMs}ms` : (err as Error).message,
      durationMs: clock.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Creates a `Sender` bound to a fetch implementation, for dependency injection. */
export function createSender(fetcher: Fetcher = fetch, clock: Clock = systemClock): Sender {
  return (request) => sendDelivery(request, fetcher, clock);
}
