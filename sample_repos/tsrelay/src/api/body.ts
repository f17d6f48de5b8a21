/**
 * Request body reading.
 *
 * Bodies are buffered fully (bounded by `maxBodyBytes`) because signature
 * verification needs the exact raw bytes the sender signed.
 */
import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError, ValidationError } from '@utils/errors';

export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        reject(new PayloadTooLargeError(maxBytes));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON body, mapping syntax errors to a 400. */
export function parseJson(raw: string): unknown {
  if (raw.trim() === '') throw new ValidationError('request body is empty');
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new ValidationError('request body is not valid JSON', { cause: (err as Error).message });
  }
}

export function parseLimit(value: string | null, fallback: number, max: number): number {
  if (value === null) return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new ValidationError('limit must be a positive integer');
  return Math.min(limit, max);
}
