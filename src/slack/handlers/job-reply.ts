/**
 * `/hume-jobs job <id>`: the full id, or a short id when it names exactly one job. Ambiguity is
 * answered with the candidates instead of a guess. A reason is one line with the id as code.
 */
import { HumeNotFoundError } from '../../hume/errors';
import type { Job } from '../../jobs/job';
import type { JobSource } from '../../sources/source';
import type { JobStore } from '../../store/store';

export type JobLookup =
  | { found: true; job: Job }
  | { found: false; reason: string };

/** An id as a code span; the parser lets no backtick through, but a Details button carries Hume's id. */
function codeId(id: string): string {
  return `\`${id.replace(/`/g, "'")}\``;
}

/** Full ids are 36 characters (UUIDs); anything shorter may be the short id from a list. */
const FULL_ID_LENGTH = 36;
/** Tracked candidates read for a short id: enough to list five and say there are more. */
const TRACKED_CANDIDATES = 6;

type Known = Pick<JobStore, 'idsWithPrefix'> & Partial<Pick<JobStore, 'getJobs'>>;

/**
 * The job from Hume; when Hume's answer for it cannot be read and the poller recorded it as
 * unreadable, its last readable state with that mark (job-details shows why) instead of an error.
 */
async function getJob(source: JobSource, id: string, signal: AbortSignal | undefined, known: Known | undefined): Promise<Job> {
  try {
    return await source.getJob(id, { signal });
  } catch (error) {
    if (error instanceof HumeNotFoundError || !known?.getJobs) throw error;
    const [tracked] = await known.getJobs([id]);
    if (tracked?.snapshot.unreadable) return tracked.snapshot;
    throw error;
  }
}

export async function lookupJob(source: JobSource, id: string, signal?: AbortSignal, known?: Known): Promise<JobLookup> {
  try {
    return { found: true, job: await getJob(source, id, signal, known) };
  } catch (error) {
    if (!(error instanceof HumeNotFoundError) || id.length >= FULL_ID_LENGTH) {
      if (error instanceof HumeNotFoundError) return { found: false, reason: `Hume has no job with the id ${codeId(id)}: check it against \`/hume-jobs\`, which lists the latest.` };
      throw error;
    }
  }
  // Jobs the poller tracks (the last 30 days) answer without a Hume call; the scan of Hume's
  // recent jobs is for the rest (and for apps that do not poll).
  const tracked = known ? await known.idsWithPrefix(id, TRACKED_CANDIDATES) : [];
  if (tracked.length === 1) return { found: true, job: await getJob(source, tracked[0]!, signal, known) };
  if (tracked.length > 1) return ambiguous(id, tracked, tracked.length === TRACKED_CANDIDATES);
  const matches = await source.findByPrefix(id, { signal });
  if (matches.length === 0) {
    return { found: false, reason: `No recent job has an id starting with ${codeId(id)}: check it, or use the full id from the job's details.` };
  }
  if (matches.length > 1) return ambiguous(id, matches.map((j) => j.id), false);
  const only = matches[0]!;
  // The list gave a summary; ask for the job itself so details are complete and current.
  return { found: true, job: await source.getJob(only.id, { signal }).catch(() => only) };
}

/** More than one job starts with the id: the candidates, never a guess. */
function ambiguous(id: string, ids: readonly string[], maybeMore: boolean): JobLookup {
  const listed = ids.slice(0, 5).join(', ');
  const count = maybeMore ? `at least ${ids.length}` : String(ids.length);
  return { found: false, reason: `${codeId(id)} matches ${count} jobs (${listed}${ids.length > 5 ? ', …' : ''}): type more characters of the id.` };
}
