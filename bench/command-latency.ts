/**
 * Section 3: how fast `/hume-jobs failed since 2h` is acknowledged and answered, one at a time
 * and with many at once. The app runs in its own process; the simulator in another; this process
 * only signs, sends and times (and hosts the Slack stand-in the replies are posted to).
 */
import { createCommander, type CommandTiming } from './support/commands';
import { startApp, type Rig } from './support/rig';
import { count, ms, percentile, type SectionResult } from './support/report';

export interface CommandOptions {
  text: string;
  /** Commands sent one after the other. */
  sequential: number;
  /** Commands sent at once, in each of `rounds` rounds. */
  concurrency: number;
  rounds: number;
  /** Jobs the simulator holds (for the write-up). */
  history: number;
}

function row(label: string, timings: CommandTiming[]): string[] {
  const acks = timings.map((t) => t.ackMs);
  const replies = timings.map((t) => t.replyMs);
  return [label, count(timings.length), ms(percentile(acks, 50)), ms(percentile(acks, 99)), ms(percentile(replies, 50)), ms(percentile(replies, 99))];
}

export async function measureCommandLatency(rig: Rig, options: CommandOptions): Promise<SectionResult> {
  const app = await startApp(rig, { pollInterval: '30s' });
  const commander = createCommander(rig.slack, app.port);
  const sequential: CommandTiming[] = [];
  const concurrent: CommandTiming[] = [];
  try {
    const burst = () => Promise.all(Array.from({ length: options.concurrency }, () => commander.run(options.text)));
    // Warm-up: the first commands pay for lazy loading and JIT compilation in the app, the first
    // burst for opening its connections (to Slack, to the simulator, from this process).
    for (let i = 0; i < 3; i++) await commander.run(options.text);
    for (let i = 0; i < options.sequential; i++) sequential.push(await commander.run(options.text));
    await burst();
    for (let round = 0; round < options.rounds; round++) concurrent.push(...(await burst()));
  } finally {
    commander.close();
    await app.stop();
  }
  const failures = [...sequential, ...concurrent].flatMap((t) => (t.failure ? [t.failure] : []));
  return {
    title: `Command latency: \`/hume-jobs ${options.text}\``,
    problems: [...new Set(failures), ...app.problems()],
    tables: [
      {
        headers: ['concurrent commands', 'samples', 'ack p50 ms', 'ack p99 ms', 'full reply p50 ms', 'full reply p99 ms'],
        rows: [row('1', sequential), row(String(options.concurrency), concurrent)],
      },
    ],
    method:
      `Signed slash commands (form body, HMAC signature, as Slack sends them) are POSTed over loopback HTTP to the app running in its own process (POLL_INTERVAL=30s, SQLite), against a simulator process holding ${count(options.history)} jobs created over the past week. ` +
      `The ack is the time to the HTTP response; the full reply is the time until the app's POST to the command's response_url reaches the Slack stand-in in the benchmark process, both from the moment the command is sent. ` +
      `${options.sequential} commands one at a time, then ${options.rounds} rounds of ${options.concurrency} sent at once, after 3 warm-up commands (and one unmeasured round of ${options.concurrency}); p99 is nearest-rank, so with ${options.sequential} samples it is the slowest one. ` +
      'The benchmark process, the app and the simulator share the machine\'s cores, so with 50 at once part of the wait is the simulator answering 50 list requests.',
  };
}
