/**
 * `npm run demo` as a script would use it: commands piped in, the transcript read from stdout.
 * The whole app runs for real in the child (simulated Hume, Slack stand-in, SQLite in a temp
 * dir); DEMO_SPEED makes jobs move ten times faster so alerts show within a few seconds.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(lines: string[], env: Record<string, string>, timeoutMs: number): Promise<DemoRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/main.ts'], {
    cwd: ROOT,
    // Only what the demo needs: it must not depend on the developer's environment or .env.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** The transcript from one echoed command to the next. */
function replyTo(stdout: string, command: string): string {
  const start = stdout.indexOf(`› ${command}\n`);
  if (start < 0) throw new Error(`no "${command}" in:\n${stdout}`);
  const next = stdout.indexOf('\n› ', start + 1);
  return stdout.slice(start, next < 0 ? undefined : next);
}

describe('npm run demo, from a pipe', () => {
  let run: DemoRun;

  beforeAll(async () => {
    run = await runDemo(['failed', 'help', 'bogus-word', 'faild', 'next'], { DEMO_DURATION: '8', DEMO_SPEED: '10', NO_COLOR: '1' }, 30_000);
  });

  it('answers every line, then shows alerts for DEMO_DURATION and exits 0 on its own', () => {
    expect(run.stderr).toBe('');
    // A demo still running at the bound is killed (code null): 0 means it ended by itself.
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Input ended: showing alerts for 8 s more');
  });

  it('renders the failed list as text: header, entries with buttons, no raw Slack markup', () => {
    const reply = replyTo(run.stdout, '/hume-jobs failed');
    expect(reply).toMatch(/only visible to you\n {2}Failed jobs\n {2}═+\n/);
    expect(reply).toMatch(/❌ Failed {2}`[0-9a-f]{8}` .*\[Details\]/);
    expect(reply).toMatch(/Error: (Failed to download|E0\d{3}|Job exceeded)/);
    expect(reply).toContain('Showing 1–10');
    expect(reply).toContain('[Next ›]');
    expect(reply).not.toMatch(/<!date|&lt;|:x:|\*Failed\*/);
  });

  it('shows help from the ack', () => {
    const reply = replyTo(run.stdout, '/hume-jobs help');
    expect(reply).toContain('reply in the ack');
    expect(reply).toContain('How to use /hume-jobs');
    expect(reply).toContain('`/hume-jobs failed since 2h limit 5`');
  });

  it('quotes a word it does not know, and suggests the nearest one for a typo', () => {
    expect(replyTo(run.stdout, '/hume-jobs bogus-word')).toContain("`bogus-word` isn't a word I know.");
    expect(replyTo(run.stdout, '/hume-jobs faild')).toContain("`faild` isn't a word I know: did you mean `failed`?");
    expect(replyTo(run.stdout, '/hume-jobs faild').match(/did you mean/gi)).toHaveLength(1);
  });

  it('presses the last list\'s Next button', () => {
    const reply = replyTo(run.stdout, 'next');
    expect(reply).toContain('replacing the list above');
    expect(reply).toMatch(/Showing 11–\d+/);
    expect(reply).toContain('[‹ Previous]');
  });

  it('shows alerts arriving on their own in the alert channel, and edits with thread lines', () => {
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d #hume-alerts {2}hume-jobs\n {2}(✅|❌|⚠️|🔄) /m);
    expect(run.stdout).toMatch(/✎ edited: Job [0-9a-f]{8}/);
    expect(run.stdout).toMatch(/in the thread of: Job [0-9a-f]{8}.*\n {2}↳ /);
  });

  it('removes its temporary folder', () => {
    const dir = /SQLite and logs in (\S+)/.exec(run.stdout)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir ?? '')).toBe(false);
  });
});

describe('npm run demo with HUME_SOURCE=runs', () => {
  it('lists runs and refuses what the runs API cannot do', async () => {
    const run = await runDemo(['errored', 'queued'], { HUME_SOURCE: 'runs', NO_COLOR: '1', DEMO_DURATION: '2' }, 25_000);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Failed|errored/i);
    expect(run.stdout).toMatch(/runs have no queue/);
  });
});
