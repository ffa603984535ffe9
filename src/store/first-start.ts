/**
 * Says so when the app starts on a new, empty database although one existed before: the
 * subscriptions, boards and snoozes people set up are then gone, and nothing else would tell.
 *
 * The store cannot remember its own loss, so SQLite leaves a marker beside its file
 * (`.<file>.created`, a dot-file so `rm hume-jobs.db*` leaves it): a new database where a marker
 * is found means the old file was deleted or moved. Without a marker, a folder that already held
 * other files is the next best sign. PostgreSQL keeps nothing outside the database: a new schema
 * there is reported as such, for the operator to judge.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from '../config/config';

export interface FirstStartNotice {
  level: 'info' | 'warn';
  msg: string;
}

export interface Before {
  marker: { createdAt: number } | null;
  /** Other entries of the folder before the file was opened; null when it did not exist. */
  others: string[] | null;
}

function markerPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.created`);
}

/** What was there before the database was opened. */
export function lookBefore(config: DatabaseConfig): Before {
  if (config.kind !== 'sqlite' || config.path === ':memory:') return { marker: null, others: null };
  const file = config.path;
  let marker: Before['marker'] = null;
  try {
    const parsed = JSON.parse(fs.readFileSync(markerPath(file), 'utf8')) as { createdAt?: unknown };
    if (typeof parsed.createdAt === 'number') marker = { createdAt: parsed.createdAt };
  } catch {
    marker = null;
  }
  let others: string[] | null = null;
  try {
    const own = new Set([path.basename(file), `${path.basename(file)}-wal`, `${path.basename(file)}-shm`, `${path.basename(file)}-journal`]);
    others = fs.readdirSync(path.dirname(file)).filter((name) => !own.has(name) && name !== path.basename(markerPath(file)));
  } catch {
    others = null;
  }
  return { marker, others };
}

/**
 * After the schema is up to date: records the marker, and returns what to log. `fresh` is true
 * when this start created the schema.
 */
export function afterOpen(config: DatabaseConfig, before: Before, fresh: boolean, createdAt: number | null): FirstStartNotice | null {
  if (config.kind === 'postgres') {
    return fresh ? { level: 'info', msg: 'created the hume-jobs tables: this PostgreSQL database (or schema) had none, so it starts empty (no subscriptions, boards or snoozes)' } : null;
  }
  if (config.path === ':memory:') return null;
  const where = path.resolve(config.path);
  if (!before.marker || fresh) writeMarker(config.path, createdAt ?? Date.now());
  if (!fresh) return null;
  if (before.marker) {
    return {
      level: 'warn',
      msg:
        `started on a NEW, EMPTY database at ${where}, but a database was created there on ${new Date(before.marker.createdAt).toISOString()} ` +
        '(see its marker file beside it): that file was deleted or moved, and with it the subscriptions, boards and snoozes. ' +
        'Stop the app and restore it from a backup, or carry on with the new one.',
    };
  }
  if (before.others && before.others.length > 0) {
    const shown = before.others.slice(0, 5).join(', ') + (before.others.length > 5 ? ', …' : '');
    return {
      level: 'warn',
      msg: `started on a NEW, EMPTY database at ${where}, in a folder that already held other files (${shown}): if the app ran here before, its database is gone or elsewhere (check DATABASE_URL)`,
    };
  }
  return { level: 'info', msg: `created a new database at ${where}` };
}

function writeMarker(file: string, createdAt: number): void {
  try {
    fs.writeFileSync(markerPath(file), `${JSON.stringify({ createdAt, note: 'hume-jobs: the database beside this file was created at createdAt (Unix ms)' })}\n`);
  } catch {
    // A marker that cannot be written only loses this warning; the database itself is fine.
  }
}
