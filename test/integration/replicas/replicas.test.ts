/**
 * Two copies of the app on one PostgreSQL database, each in its own process: both answer, one
 * polls and delivers. Killing the active copy hands the work over with no alert lost or
 * doubled; freezing it (SIGSTOP) past its lease and thawing it lets it write nothing stale (its
 * writes are fenced by the lease term); SIGTERM exits within its bound and the other copy
 * finishes the rest.
 */
import { systemClock } from '../../../src/clock';
import { createJobBook, mulberry32, type JobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { waitFor, waitForAsync } from '../../support/clock';
import { killAll, startChildApp, type ChildApp } from '../../support/child-process';
import { TEST_API_KEY } from '../../support/hume';
import { auditDelivery, readPostgresStore, untilStoreShowsFinals } from '../../support/outbox-audit';
import { createSchema, describeWithPostgres } from '../../support/postgres';

interface Health {
  leader: { role: string; holder: string | null };
}

async function health(child: ChildApp): Promise<Health | null> {
  try {
    return (await (await fetch(`http://127.0.0.1:${child.port}/healthz`)).json()) as Health;
  } catch {
    return null;
  }
}

type Final = 'completed' | 'failed';

/** Adds `count` jobs over `spreadMs`, each moving to its final status within a few seconds. */
function burst(book: JobBook, count: number, spreadMs: number, seed: number): { finals: Map<string, Final>; done: Promise<void> } {
  const random = mulberry32(seed);
  const finals = new Map<string, Final>();
  const started = Date.now();
  const done = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      while (finals.size < count && (finals.size * spreadMs) / count <= Date.now() - started) {
        const fails = random() < 0.25;
        const job = book.add({
          plan: {
            startAfterMs: Math.floor(random() * 1000),
            runMs: 200 + Math.floor(random() * 2000),
            outcome: fails ? { status: 'FAILED', message: 'Media too long' } : { status: 'COMPLETED', numPredictions: 2, numErrors: 0 },
          },
        });
        finals.set(job.job_id, fails ? 'failed' : 'completed');
      }
      if (finals.size === count) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  return { finals, done };
}

describeWithPostgres('two replicas on one PostgreSQL', () => {
  let hume: HumeSimulator;
  let slack: SlackStandIn;
  let book: JobBook;
  let db: { url: string; drop: () => Promise<void> };
  const children: ChildApp[] = [];

  beforeEach(async () => {
    db = await createSchema();
    book = createJobBook({ clock: systemClock, seed: 5 });
    hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
    slack = await startSlackStandIn();
  });

  afterEach(async () => {
    await killAll(children);
    await hume.close();
    await slack.close();
    await db.drop();
  });

  const env = () => ({
    SLACK_BOT_TOKEN: 'xoxb-replica-test',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.apiUrl,
    HUME_API_KEY: TEST_API_KEY,
    HUME_API_URL: hume.url,
    DATABASE_URL: db.url,
    PORT: '0',
    POLL_INTERVAL: '500ms',
    ALERT_CHANNEL: 'CFINAL',
    LOG_LEVEL: 'info',
    CHILD_CHANNEL_GAP_MS: '10',
  });

  async function twoReplicas(): Promise<[ChildApp, ChildApp]> {
    const a = await startChildApp({ ...env(), CHILD_OWNER: 'replica-a' });
    children.push(a);
    const b = await startChildApp({ ...env(), CHILD_OWNER: 'replica-b' });
    children.push(b);
    await waitFor(() => children.length === 2, 'both replicas');
    return [a, b];
  }

  async function roles(a: ChildApp, b: ChildApp): Promise<string[]> {
    return [(await health(a))?.leader.role ?? 'down', (await health(b))?.leader.role ?? 'down'];
  }

  /**
   * Lets the burst play out, waits until the store shows every job's final status and no alert
   * pending, then audits: each final status in CFINAL exactly once, no Slack write twice.
   */
  async function finishAndAudit(work: { finals: Map<string, Final>; done: Promise<void> }): Promise<void> {
    await work.done;
    const { outbox } = await untilStoreShowsFinals(() => readPostgresStore(db.url), work.finals);
    expect(auditDelivery(outbox, slack.messages, 'CFINAL', work.finals)).toEqual([]);
  }

  /** The active copy is delivering the burst: far more alerts than these few are still to come. */
  const delivering = () => waitFor(() => slack.messages.length >= 5, 'the first alerts in Slack', 20_000);

  test('exactly one polls; killing it with SIGKILL mid-burst hands over with nothing lost or doubled', async () => {
    const [a, b] = await twoReplicas();
    await waitForAsync(async () => (await roles(a, b)).sort().join() === 'leader,standby', 'one leader and one standby');
    const work = burst(book, 100, 4000, 17);
    await delivering();
    const [roleA] = await roles(a, b);
    const [active, standby] = roleA === 'leader' ? [a, b] : [b, a];
    active.process.kill('SIGKILL');
    const killedAt = Date.now();
    await waitForAsync(async () => (await health(standby))?.leader.role === 'leader', 'the standby to take over');
    console.log(`takeover after SIGKILL: ${Date.now() - killedAt} ms (poll interval 500 ms)`);

    await finishAndAudit(work);
  });

  test('the leader frozen (SIGSTOP) past its lease three times mid-burst and thawed: it writes nothing stale, every alert once', async () => {
    const [a, b] = await twoReplicas();
    await waitForAsync(async () => (await roles(a, b)).sort().join() === 'leader,standby', 'one leader and one standby');
    const work = burst(book, 120, 6000, 29);
    await delivering();
    for (let freeze = 0; freeze < 3; freeze += 1) {
      const [roleA] = await roles(a, b);
      const [active, standby] = roleA === 'leader' ? [a, b] : [b, a];
      const frozenAt = Date.now();
      active.process.kill('SIGSTOP');
      try {
        // The other copy takes over only once the frozen one's lease has expired: frozen past it.
        await waitForAsync(async () => (await health(standby))?.leader.role === 'leader', 'the standby to take over from the frozen leader');
      } finally {
        active.process.kill('SIGCONT');
      }
      console.log(`freeze ${freeze + 1}: taken over after ${Date.now() - frozenAt} ms`);
      // Thawed, it finds its term gone and stands by; the writes it had under way are fenced out.
      await waitForAsync(async () => (await health(active))?.leader.role === 'standby', 'the thawed copy to stand by');
      const more = slack.messages.length + 3;
      await waitFor(() => slack.messages.length >= more || work.finals.size === 120, 'delivery to go on under the new leader', 20_000);
    }
    const fencedOut = [a, b].map((child) => child.output.join('').split('fenced out').length - 1);
    console.log(`writes fenced out after a thaw (a, b): ${fencedOut.join(', ')}`);

    await finishAndAudit(work);
  });

  test('SIGTERM during a burst exits 0 within its bound and the other copy finishes the rest', async () => {
    const [a, b] = await twoReplicas();
    await waitForAsync(async () => (await roles(a, b)).includes('leader'), 'a leader');
    const work = burst(book, 60, 3000, 23);
    await delivering();
    const [roleA] = await roles(a, b);
    const [active, standby] = roleA === 'leader' ? [a, b] : [b, a];
    const termAt = Date.now();
    active.process.kill('SIGTERM');
    const code = await active.exited;
    const exitMs = Date.now() - termAt;
    console.log(`SIGTERM to exit: ${exitMs} ms`);
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(11_000);
    await waitForAsync(async () => (await health(standby))?.leader.role === 'leader', 'the other copy to take over');

    await finishAndAudit(work);
  });
});
