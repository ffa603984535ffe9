/**
 * SUBSCRIPTIONS_FILE on disk: read at start (its problems join the other settings' problems, each
 * prefixed with the path) and read again when it changes (runtime/subscriptions-reload.ts).
 */
import { readFileSync } from 'node:fs';
import type { SourceName } from '../jobs/job';
import { isKnownZone } from '../domain/digest-schedule';
import { readSubscriptionsFile, type DeclaredSettings, type FileReading } from './subscriptions-file';

export interface SubscriptionsFile {
  path: string;
  /** What the file declared when it was read. */
  settings: DeclaredSettings;
}

/** Reads and checks the file; a file that cannot be read is one problem. */
export function readDeclaredFile(path: string, source: SourceName): FileReading {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'this process may not read it' : code === 'EISDIR' ? 'it is a folder' : `it cannot be read (${code ?? 'error'})`;
    return { ok: false, problems: [`${why}; give the path of a YAML file (see README, "Subscriptions as code").`] };
  }
  return readSubscriptionsFile(text, source, isKnownZone);
}

/** Each problem as a settings problem: `SUBSCRIPTIONS_FILE (path): …`. */
export function fileProblems(path: string, problems: string[]): string[] {
  return problems.map((p) => `SUBSCRIPTIONS_FILE (${path}): ${p}`);
}

export function loadSubscriptionsFile(path: string, source: SourceName, problems: string[]): SubscriptionsFile | null {
  const reading = readDeclaredFile(path, source);
  if (reading.ok) return { path, settings: reading.settings };
  problems.push(...fileProblems(path, reading.problems));
  return null;
}
