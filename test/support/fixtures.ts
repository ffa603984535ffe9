/**
 * The Hume payload fixtures kept in this repository (`test/fixtures`, with their sources in its
 * README), so a clone anywhere has what its tests read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const fixturesDir = path.join(__dirname, '..', 'fixtures');

/** Every fixture whose name starts with `prefix`, parsed. */
export function readFixtures(prefix: string): Array<{ name: string; json: unknown }> {
  return readdirSync(fixturesDir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8')) as unknown }));
}
