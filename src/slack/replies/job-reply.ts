/**
 * `/hume-jobs job <id>`: the full id, or a short id when it names exactly one job. Ambiguity is
 * answered with the candidates instead of a guess.
 */
import { HumeNotFoundError } from '../../hume/errors';
import type { Job } from '../../jobs/job';
import type { JobSource } from '../../sources/source';

export type JobLookup =
  | { found: true; job: Job }
  | { found: false; reason: string };

/** Full ids are 36 characters (UUIDs); anything shorter may be the short id from a list. */
const FULL_ID_LENGTH = 36;

export async function lookupJob(source: JobSource, id: string, signal?: AbortSignal): Promise<JobLookup> {
  try {
    return { found: true, job: await source.getJob(id, { signal }) };
  } catch (error) {
    if (!(error instanceof HumeNotFoundError) || id.length >= FULL_ID_LENGTH) {
      if (error instanceof HumeNotFoundError) return { found: false, reason: `Hume has no job with id ${id}.` };
      throw error;
    }
  }
  const matches = await source.findByPrefix(id, { signal });
  if (matches.length === 0) {
    return { found: false, reason: `No recent job has an id starting with ${id}. Check the id, or use the full id from the job's details.` };
  }
  if (matches.length > 1) {
    const listed = matches.slice(0, 5).map((j) => j.id).join(', ');
    return {
      found: false,
      reason: `${id} matches ${matches.length} jobs (${listed}${matches.length > 5 ? ', …' : ''}). Type more characters of the id.`,
    };
  }
  const only = matches[0]!;
  // The list gave a summary; ask for the job itself so details are complete and current.
  return { found: true, job: await source.getJob(only.id, { signal }).catch(() => only) };
}
