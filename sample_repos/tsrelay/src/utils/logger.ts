/**
 * Structured JSON logger.
 *
 * Emits one JSON object per line. Child loggers carry bound fields such as
 * `requestId` or `tenantId`. Fields whose names look sensitive (secrets, API
 * keys, signatures, authorization headers) are redacted before writing.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const REDACT_PATTERN = /secret|password|authorization|api[-_]?key|signature|token/i;

export type LogFields = Record<string, unknown>;
export type LogSink = (line: string) => void;

export function isLogLevel(value: string): value is LogLevel {
  return value in LEVEL_ORDER;
}

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (REDACT_PATTERN.test(key)) {
      out[key] = '[redacted]';
    } else if (value instanceof Error) {
      out[key] = { name: value.name, message: value.message };
    } else {
      out[key] = value;
    }
  }
  return out;
}

export class Logger {
  constructor(
    private level: LogLevel,
    private readonly sink: LogSink,
    private readonly bindings: LogFields = {},
  ) {}

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  child(bindings: LogFields): Logger {
    return new Logger(this.level, this.sink, { ...this.bindings, ...bindings });
  }

  debug(msg: string, fields: LogFields = {}): void {
    this.write('debug', msg, fields);
  }

  info(msg: string, fields: LogFields = {}): void {
    this.write('info', msg, fields);
  }

  warn(msg: string, fields: LogFields = {}): void {
    this.write('warn', msg, fields);
  }

  error(msg: string, fields: LogFields = {}): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields: LogFields): void {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[this.level]) return;
    const record = { time: new Date().toISOString(), level, msg, ...redact({ ...this.bindings, ...fields }) };
    this.sink(JSON.stringify(record));
  }
}

export function createLogger(level: LogLevel = 'info', sink: LogSink = (line) => process.stdout.write(line + '\n')): Logger {
  return new Logger(level, sink);
}

/** Process-wide logger; the level is set from config during startup. */
export const logger = createLogger('info');
