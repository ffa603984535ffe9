/**
 * What can happen to an SQLite file while the app has it open, that SQLite itself may not notice
 * for a long time: deleted (writes go on into a file nobody will see again), replaced by another
 * file, overwritten with something that is not a database, or made read-only (the next start
 * would fail). Checked cheaply (a stat and 16 bytes) by /healthz.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface FileIdentity {
  dev: number;
  ino: number;
}

/** Every SQLite 3 database starts with these 16 bytes (sqlite.org/fileformat.html, "The Database Header"). */
const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function fileIdentity(file: string): FileIdentity | null {
  try {
    const stat = fs.statSync(file);
    return { dev: stat.dev, ino: stat.ino };
  } catch {
    return null;
  }
}

/** A sentence saying what is wrong with the file, or null when it is the one opened and usable. */
export function checkSqliteFile(file: string, opened: FileIdentity): string | null {
  const where = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return `the SQLite database ${where} was deleted while the app had it open: what it records now is lost at the next restart. Restore the file and restart.`;
  }
  if (stat.dev !== opened.dev || stat.ino !== opened.ino)
    return `the SQLite database ${where} was replaced by another file while the app had it open. Restart the app to use the new file.`;
  if (stat.size > 0 && !startsWithHeader(file))
    return `the SQLite database ${where} is no longer a SQLite database (it was overwritten or damaged). Restore it from a backup.`;
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    return `the SQLite database ${where} is read-only for this process: the app cannot start again on it. Make it writable by the app's user.`;
  }
  return null;
}

function startsWithHeader(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === HEADER.length && head.equals(HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
