/**
 * One listing page from several status streams: runs taken newest first across the streams
 * (the order of `listing-order.ts`), each once, then one more looked at to know whether a next
 * page exists. A run that changed status between two requests can come from two streams: it is
 * shown once.
 */
import type { Job } from '../../jobs/job';
import { compareListed } from './listing-order';
import type { RunStream, StreamItem } from './run-stream';

export interface MergedPage {
  jobs: Job[];
  /** Whether any stream has a run after the page (or could not tell within the budget). */
  more: boolean;
}

export async function mergeStreams(streams: readonly RunStream[], limit: number): Promise<MergedPage> {
  const jobs: Job[] = [];
  const shown = new Set<string>();
  while (jobs.length < limit) {
    // Every stream's next run must be known before choosing: the newest may be in any of them.
    await Promise.all(streams.map((stream) => stream.fill()));
    if (streams.some((stream) => stream.stalled)) return { jobs, more: true };
    const next = newest(streams);
    const item = next?.take();
    if (!item) return { jobs, more: false };
    if (shown.has(item.id)) continue;
    shown.add(item.id);
    jobs.push(item.job);
  }
  // One buffered run anywhere answers "is there more?" without a request.
  if (!streams.some((stream) => stream.peek())) await Promise.all(streams.map((stream) => stream.fill()));
  return { jobs, more: streams.some((stream) => stream.peek() !== undefined || stream.stalled) };
}

function newest(streams: readonly RunStream[]): RunStream | undefined {
  let best: { stream: RunStream; head: StreamItem } | undefined;
  for (const stream of streams) {
    const head = stream.peek();
    if (head && (!best || compareListed(head, best.head) < 0)) best = { stream, head };
  }
  return best?.stream;
}
