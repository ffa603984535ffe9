/**
 * `npm run bench`: measures the app on this machine in one run (a few minutes), prints a table
 * per section and writes bench/RESULTS.md. Exits non-zero only if the app misbehaved (a lost
 * or repeated alert, an error): timings are reported, never judged.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSlackStandIn, type SlackStandIn } from '../src/simulator/slack-server';
import { measureAlertLatency } from './alert-latency';
import { measureBoardRefresh } from './board-refresh';
import { measureBurst } from './burst';
import { measureBurstRequests } from './burst-requests';
import { measureCommandLatency } from './command-latency';
import { measureHomeRefresh } from './home-refresh';
import { measureIdleCycles } from './idle-cycles';
import { measureMemory } from './memory';
import { measureRecovery } from './recovery';
import { measureSustainedLoad } from './sustained-load';
import { describeMachine, sampleLoad } from './support/machine';
import { markdownTable, type SectionResult } from './support/report';
import { buildEntry, type AppEntry } from './support/app-entry';
import type { Rig } from './support/rig';
import { startSimProcess } from './support/sim-client';

const COMMAND = 'failed since 2h';

/** A section that throws is reported as a problem; the others still run. */
async function section(title: string, run: () => Promise<SectionResult>): Promise<SectionResult> {
  console.error(`… ${title}`);
  const started = Date.now();
  try {
    const result = await run();
    console.log(`\n## ${result.title}\n\n${result.tables.map(markdownTable).join('\n\n')}\n`);
    for (const problem of result.problems) console.log(`PROBLEM: ${problem}`);
    console.error(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.log(`\n## ${title}\n\nPROBLEM: the section failed: ${message}\n`);
    return { title, tables: [], method: '', problems: [`the section failed: ${message}`] };
  }
}

/** A fresh simulator process for `run`, closed after it. */
async function withRig<T>(slack: SlackStandIn, entry: AppEntry, run: (rig: Rig) => Promise<T>): Promise<T> {
  const sim = await startSimProcess();
  try {
    return await run({ sim, slack, entry });
  } finally {
    await sim.close();
  }
}

function resultsMarkdown(results: SectionResult[], runSeconds: number, entry: AppEntry, load: { min: number; max: number }): string {
  const machine = describeMachine();
  const problems = results.flatMap((r) => r.problems);
  return [
    '# hume-jobs benchmark results',
    '',
    `Measured by \`npm run bench\` on ${machine.date} in ${runSeconds.toFixed(0)} s.`,
    `Machine: ${machine.cores} cores (\`nproc\`), ${machine.cpu}, ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}.`,
    `Load average (1 min) during the run: ${load.min.toFixed(1)} to ${load.max.toFixed(1)} on ${machine.cores} cores (the benchmark's own processes make about 1 to 2 of it; the rest is other work the machine was doing, which slows the real-time figures).`,
    'Everything runs on this one machine over loopback, with no network latency: the app, the Hume simulator (src/simulator, in its own process) and the Slack stand-in (in the benchmark\'s process).',
    `Where the app runs in its own process, that process runs ${entry.label}, built into a temporary folder at the start of the run.`,
    'Figures vary from run to run and machine to machine; they are never asserted by the test suite.',
    '',
    ...results.flatMap((r, i) => [`## ${i + 1}. ${r.title}`, '', ...r.tables.flatMap((t) => [markdownTable(t), '']), r.method, '']),
    '## Problems',
    '',
    problems.length === 0 ? 'None: every alert was delivered exactly once and the app logged no error.' : problems.map((p) => `- ${p}`).join('\n'),
    '',
  ].join('\n');
}

/**
 * The simulator process a section runs against: "history" grows from 1,000 to 100,000 jobs (idle
 * cycles), then serves the memory section; "commands" holds 10,000 jobs for the commands, and the
 * alert sections add their running jobs to it. Sections without one bring their own stand-ins.
 */
type RigName = 'history' | 'commands';

type Spec = {
  /** What `--only` calls it. */
  name: string;
  title: string;
} & ({ rig: RigName; run(rig: Rig): Promise<SectionResult> } | { rig?: undefined; run(): Promise<SectionResult> });

const PREPARE: Record<RigName, (rig: Rig) => Promise<unknown>> = {
  history: () => Promise.resolve(),
  commands: (rig) => rig.sim.call({ op: 'grow', total: 10_000 }),
};

/** Every section, in the order RESULTS.md lists them. */
const SECTIONS: Spec[] = [
  { name: 'idle-cycles', title: 'idle poll cycles', rig: 'history', run: (rig) => measureIdleCycles(rig.sim, { sizes: [1_000, 10_000, 100_000], cycles: 5, queued: 4, running: 6 }) },
  { name: 'command-latency', title: 'command latency', rig: 'commands', run: (rig) => measureCommandLatency(rig, { text: COMMAND, sequential: 30, concurrency: 50, rounds: 10, history: 10_000 }) },
  { name: 'alert-latency', title: 'alert latency', rig: 'commands', run: (rig) => measureAlertLatency(rig, { changes: 100, spacingMs: 600 }) },
  { name: 'sustained-load', title: 'lag under sustained load', rig: 'commands', run: (rig) => measureSustainedLoad(rig, { perSecond: 4, seconds: 60, fakeTime: true }) },
  { name: 'burst', title: 'burst', rig: 'commands', run: (rig) => measureBurst(rig, { changes: 1_000, timeoutMs: 120_000 }) },
  { name: 'burst-requests', title: 'Hume requests per burst', run: () => measureBurstRequests({ changes: 1_000, history: 10_000 }) },
  { name: 'recovery', title: 'recovery after an outage', run: () => measureRecovery({ outageMs: 5 * 60_000, intervalMs: 5_000, phases: 10, slack: true }) },
  { name: 'board-refresh', title: 'board refresh', run: () => measureBoardRefresh({ sizes: [1_000, 10_000, 50_000], refreshes: 5 }) },
  { name: 'home-refresh', title: 'App Home refresh', run: () => measureHomeRefresh({ viewers: 300, timeoutMs: 60_000 }) },
  // Measured right after the idle cycles, on their simulator, but reads better last.
  {
    name: 'memory',
    title: 'resident memory',
    rig: 'history',
    run: async (rig) => {
      await rig.sim.call({ op: 'grow', total: 100_000 });
      return measureMemory(rig, { idleCycles: 5, concurrentCommands: 50, commandText: COMMAND });
    },
  },
];

/** Runs `specs` (each rig's sections on one fresh simulator, in turn), answering in the order given. */
async function runSections(specs: readonly Spec[]): Promise<{ results: SectionResult[]; entry: AppEntry | null }> {
  const results = new Map<Spec, SectionResult>();
  const needsRig = specs.some((spec) => spec.rig);
  if (needsRig) console.error('… building the app (tsc -p tsconfig.build.json)');
  const entry = needsRig ? await buildEntry() : null;
  const slack = needsRig ? await startSlackStandIn() : null;
  try {
    for (const name of ['history', 'commands'] as const) {
      const mine = specs.flatMap((spec) => (spec.rig === name ? [spec] : []));
      if (mine.length === 0) continue;
      await withRig(slack!, entry!, async (rig) => {
        await PREPARE[name](rig);
        for (const spec of mine) results.set(spec, await section(spec.title, () => spec.run(rig)));
      });
    }
    for (const spec of specs) if (!spec.rig) results.set(spec, await section(spec.title, () => spec.run()));
  } finally {
    await slack?.close();
    entry?.close();
  }
  return { results: specs.map((spec) => results.get(spec)!), entry };
}

/**
 * `npm run bench -- --only <name>[,<name>…]`: those sections alone, printed, RESULTS.md left as it is.
 */
async function only(names: string): Promise<void> {
  const known = SECTIONS.map((spec) => spec.name);
  const wanted = names.split(',').filter((name) => name !== '');
  const unknown = wanted.filter((name) => !known.includes(name));
  if (wanted.length === 0 || unknown.length > 0) throw new Error(`--only takes section names (${known.join(', ')}), not "${unknown.join(',') || names}"`);
  const { results } = await runSections(SECTIONS.filter((spec) => wanted.includes(spec.name)));
  process.exitCode = results.every((result) => result.problems.length === 0) ? 0 : 1;
}

async function main(): Promise<void> {
  const onlyArg = process.argv.indexOf('--only');
  if (onlyArg >= 0) return only(process.argv[onlyArg + 1] ?? '');
  const started = Date.now();
  const load = sampleLoad();
  const { results, entry } = await runSections(SECTIONS);
  const path = join(__dirname, 'RESULTS.md');
  writeFileSync(path, resultsMarkdown(results, (Date.now() - started) / 1000, entry!, load.stop()));
  const problems = results.flatMap((r) => r.problems);
  console.log(`\nWrote ${path} (${((Date.now() - started) / 1000).toFixed(0)} s). ${problems.length === 0 ? 'No problems.' : `${problems.length} problem(s): the app misbehaved.`}`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
