/**
 * Minimal embedded document store.
 *
 * Each table is an in-memory map of rows keyed by `id`. The whole database is
 * snapshotted to a single JSON file on `flush()`, written to a temp file and
 * renamed so a crash never leaves a half-written snapshot behind.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Row {
  id: string;
}

interface Snapshot {
  schemaVersion: number;
  tables: Record<string, Row[]>;
}

export class Table<T extends Row> {
  private readonly rows = new Map<string, T>();

  constructor(readonly name: string, initial: T[] = []) {
    for (const row of initial) this.rows.set(row.id, row);
  }

  insert(row: T): T {
    if (this.rows.has(row.id)) throw new Error(`${this.name}: duplicate id ${row.id}`);
    this.rows.set(row.id, row);
    return row;
  }

  upsert(row: T): T {
    this.rows.set(row.id, row);
    return row;
  }

  update(id: string, patch: Partial<T>): T | undefined {
    const current = this.rows.get(id);
    if (!current) return undefined;
    const next = { ...current, ...patch, id };
    this.rows.set(id, next);
    return next;
  }

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  find(predicate: (row: T) => boolean): T[] {
    return [...this.rows.values()].filter(predicate);
  }

  findOne(predicate: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) if (predicate(row)) return row;
    return undefined;
  }

  delete(id: string): boolean {
    return this.rows.delete(id);
  }

  all(): T[] {
    return [...this.rows.values()];
  }

  count(): number {
    return this.rows.size;
  }
}

export class Database {
  schemaVersion = 0;
  private readonly tables = new Map<string, Table<Row>>();

  constructor(readonly path: string | null, snapshot?: Snapshot) {
    if (snapshot) {
      this.schemaVersion = snapshot.schemaVersion;
      for (const [name, rows] of Object.entries(snapshot.tables)) {
        this.tables.set(name, new Table(name, rows));
      }
    }
  }

  hasTable(name: string): boolean {
    return this.tables.has(name);
  }

  createTable(name: string): void {
    if (!this.tables.has(name)) this.tables.set(name, new Table(name));
  }

  table<T extends Row>(name: string): Table<T> {
    const table = this.tables.get(name);
    if (!table) throw new Error(`unknown table ${name}; did migrations run?`);
    return table as unknown as Table<T>;
  }

  /** Writes the snapshot atomically. No-op for in-memory databases. */
  flush(): void {
    if (!this.path) return;
    const snapshot: Snapshot = { schemaVersion: this.schemaVersion, tables: {} };
    for (const [name, table] of this.tables) snapshot.tables[name] = table.all();
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot));
    renameSync(tmp, this.path);
  }
}

/** Opens (or creates) the database snapshot. Pass `null` for an in-memory database. */
export function openDatabase(path: string | null = process.env.RELAY_DB_PATH ?? './data/relay.json'): Database {
  if (path && existsSync(path)) {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    return new Database(path, snapshot);
  }
  return new Database(path);
}
