/**
 * Identifier generation.
 *
 * Ids are prefixed by kind (`evt_`, `dlv_`, ...) followed by a base36 timestamp
 * and random hex, so they sort roughly by creation time and are easy to
 * recognise in logs.
 */
import { randomBytes } from 'node:crypto';

export type IdPrefix = 'evt' | 'dlv' | 'ten' | 'end' | 'req' | 'dlq';

const PREFIXES: ReadonlySet<string> = new Set<IdPrefix>(['evt', 'dlv', 'ten', 'end', 'req', 'dlq']);
const ID_PATTERN = /^([a-z]{3})_([0-9a-z]{8,})([0-9a-f]{12})$/;

/** Creates a new id such as `evt_lq2x9k3a4f1c9e0b2d7a`. */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  const time = now.toString(36).padStart(8, '0');
  const random = randomBytes(6).toString('hex');
  return `${prefix}_${time}${random}`;
}

/** True when `value` is a well-formed id, optionally of a given kind. */
export function isId(value: unknown, prefix?: IdPrefix): value is string {
  if (typeof value !== 'string') return false;
  const match = ID_PATTERN.exec(value);
  if (!match || !PREFIXES.has(match[1])) return false;
  return prefix === undefined || match[1] === prefix;
}

/** Extracts the creation time embedded in an id, or undefined if malformed. */
export function idTimestamp(id: string): number | undefined {
  const match = ID_PATTERN.exec(id);
  if (!match) return undefined;
  const ms = parseInt(match[2], 36);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Short request id used for log correlation; not globally unique. */
export function requestId(): string {
  return `req_${randomBytes(8).toString('hex')}`;
}
