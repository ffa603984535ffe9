/**
 * `npm run demo`: the real app, offline, in one process (see stack.ts for what runs). This file
 * wires the terminal to it: the channel view prints what the app posts as it happens, and the
 * prompt turns typed or piped lines into signed requests to the app's `/slack/events`.
 */
import { systemClock } from '../clock';
import { ConfigError } from '../config/config';
import { escapeCommandText, type SlackActor } from '../simulator/slack-requests';
import { bannerLines } from './banner';
import { channelLines } from './channel-view';
import { createInbox } from './inbox';
import { readDemoOptions, type DemoOptions } from './options';
import { runPrompt } from './prompt';
import type { RenderOptions } from './render';
import { createSession } from './session';
import { DEMO_USER_ID, startDemoStack, type DemoStack } from './stack';
import { styleFor, type Style } from './style';
import { createTerminal } from './terminal';

const CHANNEL = { id: 'C0HUMEALERTS', name: 'hume-alerts' } as const;
const ACTOR: SlackActor = { teamId: 'T0DEMO', teamDomain: 'demo', userId: DEMO_USER_ID, userName: 'you', channelId: CHANNEL.id, channelName: CHANNEL.name };
const SIGNING_SECRET = 'demo-signing-secret';

function fail(lines: string[]): number {
  process.stderr.write(`${lines.join('\n')}\n`);
  return 2;
}

/** Shows the channel, runs the prompt until it ends, then lingers if input came from a pipe. */
async function converse(stack: DemoStack, options: DemoOptions, style: Style, interrupted: AbortSignal): Promise<void> {
  const { interactive, lingerMs, speed } = options;
  const terminal = createTerminal(process.stdout, interactive);
  const render: RenderOptions = {
    style,
    width: process.stdout.columns ?? 100,
    channels: { [CHANNEL.id]: CHANNEL.name },
    users: { [ACTOR.userId]: ACTOR.userName },
  };
  const { slack } = stack;
  const findMessage = (channel: string, ts: string) => slack.messages.find((m) => m.channel === channel && m.ts === ts);
  const inbox = createInbox();
  slack.onEvent = (event) => {
    inbox.push(event);
    const lines = event.call ? channelLines(event.call, { ...render, findMessage }) : null;
    if (lines) terminal.print([...lines, '']);
  };

  const { source } = options;
  terminal.print(bannerLines({ source, channel: CHANNEL.name, pollIntervalMs: stack.pollMs, speed, dataDir: stack.dataDir, interactive, lingerMs }, style));
  const session = createSession({
    eventsUrl: stack.eventsUrl,
    signingSecret: SIGNING_SECRET,
    actor: ACTOR,
    responseUrl: () => slack.responseUrl(),
    triggerId: () => slack.triggerId(),
    escape: (text) => escapeCommandText(text, slack.workspace.directory()),
    inbox,
    print: (lines) => terminal.print(lines),
    render,
  });
  // ALERT_CHANNEL subscribes to completed and failed; adding running, as a teammate would,
  // shows how one message per job is edited as the job moves on, with a line in its thread.
  terminal.print([style.dim(`Set-up, typed once by a teammate in #${CHANNEL.name}:`), `${style.accent('›')} ${style.bold('/hume-jobs subscribe running')}`]);
  await session.command('subscribe running');

  const end = await runPrompt({ input: process.stdin, output: process.stdout, interactive, terminal, session, style, signal: interrupted });
  if (end === 'end-of-input' && lingerMs > 0 && !interrupted.aborted) {
    terminal.print([style.dim(`Input ended: showing alerts for ${lingerMs / 1000} s more (DEMO_DURATION), then stopping.`), '']);
    await systemClock.sleep(lingerMs, interrupted).catch(() => undefined);
  }
  terminal.print([...(interactive ? [''] : []), style.dim('Stopping: the app finishes its current work, then everything is closed and the temporary folder removed.')]);
  slack.onEvent = null;
}

async function main(interrupted: AbortSignal): Promise<number> {
  const parsed = readDemoOptions(process.env, process.stdin.isTTY === true);
  if (!parsed.ok) return fail(['The demo cannot start:', ...parsed.problems.map((p) => `  - ${p}`)]);
  const { options } = parsed;
  const style = styleFor(process.stdout.isTTY === true, process.env);
  let stack: DemoStack;
  try {
    stack = await startDemoStack({ ...options, alertChannel: CHANNEL.id, signingSecret: SIGNING_SECRET });
  } catch (error) {
    if (error instanceof ConfigError) return fail([error.message]);
    throw error;
  }
  try {
    await converse(stack, options, style, interrupted);
  } finally {
    await stack.stop();
  }
  const { count, last } = stack.errors();
  if (count > 0) process.stderr.write(style.dim(`The app logged ${count} error(s); the last: ${last}\n`));
  return 0;
}

/** Ctrl-C (in a pipe; on a terminal readline gets it) or SIGTERM: stop in order. Twice: now. */
function interruptSignal(): AbortSignal {
  const interrupt = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupt.signal.aborted) process.exit(130);
      interrupt.abort(new Error(signal));
    });
  }
  return interrupt.signal;
}

main(interruptSignal()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
