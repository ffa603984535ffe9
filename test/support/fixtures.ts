/**
 * The shared Hume payload fixtures (`shared/fixtures` next to the repository, or inside it),
 * found by walking up from this file so tests do not depend on their own depth.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function fixturesDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'fixtures');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no shared/fixtures directory above ${__dirname}`);
  }
}

/** Every fixture whose name starts with `prefix`, parsed. */
export function readFixtures(prefix: string): Array<{ name: string; json: unknown }> {
  const dir = fixturesDir();
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as unknown }));
}
