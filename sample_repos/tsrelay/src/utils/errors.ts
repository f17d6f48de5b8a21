/**
 * Error types shared across the service.
 *
 * Anything thrown from a handler that is a `RelayError` is mapped to its HTTP
 * status by the server; every other error becomes a 500.
 */

export class RelayError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends RelayError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'invalid_request', message, details);
  }
}

export class UnauthorizedError extends RelayError {
  constructor(message = 'missing or invalid credentials') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends RelayError {
  constructor(message = 'not allowed') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends RelayError {
  constructor(resource: string, id: string) {
    super(404, 'not_found', `${resource} ${id} not found`, { resource, id });
  }
}

export class ConflictError extends RelayError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

export class PayloadTooLargeError extends RelayError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `request body exceeds ${limit} bytes`, { limit });
  }
}

export class RateLimitedError extends RelayError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', 'too many requests', { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isRelayError(err: unknown): err is RelayError {
  return err instanceof RelayError;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Converts any thrown value into an HTTP status and JSON error body. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (isRelayError(err)) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal server error' } } };
}
