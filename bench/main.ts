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
import { describeMachine } from './support/machine';
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

function resultsMarkdown(results: SectionResult[], runSeconds: number, entry: AppEntry): string {
  const machine = describeMachine();
  const problems = results.flatMap((r) => r.problems);
  return [
    '# hume-jobs benchmark results',
    '',
    `Measured by \`npm run bench\` on ${machine.date} in ${runSeconds.toFixed(0)} s.`,
    `Machine: ${machine.cores} cores (\`nproc\`), ${machine.cpu}, ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}.`,
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

const BURST_REQUESTS = { changes: 1_000, history: 10_000 };

/**
 * `npm run bench -- --only burst-requests`: that section alone, printed, RESULTS.md left as it
 * is (the other sections need the build and the simulator process; this one needs neither).
 */
async function only(name: string): Promise<void> {
  if (name !== 'burst-requests') throw new Error(`--only knows one section: burst-requests (not ${name})`);
  const result = await section('Hume requests per burst', () => measureBurstRequests(BURST_REQUESTS));
  process.exitCode = result.problems.length === 0 ? 0 : 1;
}

async function main(): Promise<void> {
  const onlyArg = process.argv.indexOf('--only');
  if (onlyArg >= 0) return only(process.argv[onlyArg + 1] ?? '');
  const started = Date.now();
  console.error('… building the app (tsc -p tsconfig.build.json)');
  const entry = await buildEntry();
  const slack = await startSlackStandIn();
  const results: SectionResult[] = [];
  try {
    // One simulator grows from 1,000 to 100,000 jobs, then serves the memory section.
    await withRig(slack, entry, async (rig) => {
      results.push(await section('idle poll cycles', () => measureIdleCycles(rig.sim, { sizes: [1_000, 10_000, 100_000], cycles: 5, queued: 4, running: 6 })));
      results.push(await section('resident memory', () => measureMemory(rig, { idleCycles: 5, concurrentCommands: 50, commandText: COMMAND })));
    });
    // Another holds 10,000 jobs for the commands; the alert sections add their running jobs to it.
    await withRig(slack, entry, async (rig) => {
      await rig.sim.call({ op: 'grow', total: 10_000 });
      results.push(await section('command latency', () => measureCommandLatency(rig, { text: COMMAND, sequential: 30, concurrency: 50, rounds: 10, history: 10_000 })));
      results.push(await section('alert latency', () => measureAlertLatency(rig, { changes: 100, spacingMs: 600 })));
      results.push(await section('burst', () => measureBurst(rig, { changes: 1_000, timeoutMs: 120_000 })));
    });
    results.push(await section('board refresh', () => measureBoardRefresh({ sizes: [1_000, 10_000, 50_000], refreshes: 5 })));
    results.push(await section('App Home refresh', () => measureHomeRefresh({ viewers: 300, timeoutMs: 60_000 })));
    results.push(await section('Hume requests per burst', () => measureBurstRequests(BURST_REQUESTS)));
  } finally {
    await slack.close();
    entry.close();
  }
  // Memory is measured in the middle of the run, but reads better last.
  const ordered = [0, 2, 3, 4, 7, 5, 6, 1].flatMap((i) => (results[i] ? [results[i]] : []));
  const path = join(__dirname, 'RESULTS.md');
  writeFileSync(path, resultsMarkdown(ordered, (Date.now() - started) / 1000, entry));
  const problems = ordered.flatMap((r) => r.problems);
  console.log(`\nWrote ${path} (${((Date.now() - started) / 1000).toFixed(0)} s). ${problems.length === 0 ? 'No problems.' : `${problems.length} problem(s): the app misbehaved.`}`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
