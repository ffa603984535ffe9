/**
 * Personal notifications (watches, `notify me` rules, Hume links): the SQL both engines run, and
 * their rows as the domain's types. Kept apart from sql.ts so these tables' statements live
 * together. A rule's filter is JSON text: it is matched in memory (jobs/job-match.ts), never queried.
 */
import type { Row, Script, Stmt } from './driver';
import { stmt } from './driver';
import { decodeKinds, encodeKinds } from './kinds';
import { idList, ID_CHUNK } from './sql-common';
import { int, text, textOrNull, toTrackedJob } from './rows';
import type { FinishedWatch, HumeLink, LinkedRule, NotifyRule, Watch } from '../domain/personal';
import type { JobMatch } from '../jobs/job-match';

const WATCH_COLUMNS = 'user_id, job_id, created_at';

export function toWatch(row: Row): Watch {
  return { userId: text(row, 'user_id'), jobId: text(row, 'job_id'), createdAt: int(row, 'created_at') };
}

/** The stored filter; a field this version does not know is left out, one it misses reads as "any". */
function toMatch(json: string): JobMatch {
  const raw = JSON.parse(json) as Partial<Record<keyof JobMatch, unknown>>;
  const textOf = (value: unknown) => (typeof value === 'string' ? value : null);
  const mode = textOf(raw.mode);
  const endpoint = textOf(raw.endpoint);
  return {
    mode: mode === 'realtime' || mode === 'file' ? mode : null,
    endpoint: endpoint === 'audio' || endpoint === 'video' ? endpoint : null,
    userId: textOf(raw.userId),
    model: textOf(raw.model),
  };
}

function toRule(row: Row): NotifyRule {
  return {
    userId: text(row, 'user_id'),
    kinds: decodeKinds(text(row, 'kinds')),
    match: toMatch(text(row, 'job_match')),
    mine: int(row, 'mine') === 1,
    createdAt: int(row, 'created_at'),
  };
}

function toLink(row: Row): HumeLink {
  return { userId: text(row, 'user_id'), humeUserId: text(row, 'hume_user_id'), createdAt: int(row, 'created_at') };
}

export const addWatch = (watch: Watch): Stmt =>
  stmt(`INSERT INTO job_watches (${WATCH_COLUMNS}) VALUES (@userId, @jobId, @createdAt) ON CONFLICT (user_id, job_id) DO NOTHING RETURNING user_id`, {
    userId: watch.userId,
    jobId: watch.jobId,
    createdAt: watch.createdAt,
  });

export const removeWatch = (userId: string, jobId: string): Stmt =>
  stmt('DELETE FROM job_watches WHERE user_id = @userId AND job_id = @jobId RETURNING user_id', { userId, jobId });

export const listWatches = (userId: string | null): Stmt =>
  userId === null
    ? stmt(`SELECT ${WATCH_COLUMNS} FROM job_watches ORDER BY created_at, user_id, job_id`)
    : stmt(`SELECT ${WATCH_COLUMNS} FROM job_watches WHERE user_id = @userId ORDER BY created_at, job_id`, { userId });

export function watchesOf(jobIds: readonly string[]): Stmt[] {
  const unique = [...new Set(jobIds)];
  const stmts: Stmt[] = [];
  for (let start = 0; start < unique.length; start += ID_CHUNK) {
    const { list, params } = idList(unique.slice(start, start + ID_CHUNK));
    stmts.push(stmt(`SELECT ${WATCH_COLUMNS} FROM job_watches WHERE job_id IN (${list}) ORDER BY created_at, user_id`, params));
  }
  return stmts;
}

/** Through the job_watches_job index into job_states' primary key: as many rows as there are such watches. */
/**
 * Every poll cycle asks this. `status || ''` keeps the planner off the status index: the watches
 * are few and the finished jobs many, so it walks the watches and looks each job up by its id
 * (an idle cycle at 100,000 jobs spent ~60 ms here otherwise, reading every finished job).
 */
export const finishedWatches = (): Stmt =>
  stmt(
    `SELECT w.user_id, w.job_id, w.created_at, j.id, j.status, j.raw_status, j.snapshot, j.seen_at
     FROM job_watches w JOIN job_states j ON j.id = w.job_id
     WHERE j.status || '' IN ('completed', 'failed') ORDER BY w.created_at, w.user_id`,
  );

/** The job as it ended: the tracked status wins over the snapshot's (a deleted job is recorded failed). */
export function toFinishedWatch(row: Row): FinishedWatch {
  const tracked = toTrackedJob(row);
  return {
    watch: toWatch(row),
    job: { ...tracked.snapshot, status: tracked.status, rawStatus: tracked.rawStatus },
    seenAt: tracked.seenAt,
  };
}

/** Ended in the cycle that plans its DM (commitCycle). */
export const endWatch = (watch: { userId: string; jobId: string }): Stmt => removeWatch(watch.userId, watch.jobId);

const RULE_COLUMNS = 'user_id, kinds, job_match, mine, created_at';

export function* setNotifyRule(rule: NotifyRule): Script<NotifyRule | null> {
  const [before] = yield stmt(`SELECT ${RULE_COLUMNS} FROM notify_rules WHERE user_id = @userId`, { userId: rule.userId });
  yield stmt(
    `INSERT INTO notify_rules (${RULE_COLUMNS}) VALUES (@userId, @kinds, @match, @mine, @createdAt)
     ON CONFLICT (user_id) DO UPDATE SET kinds = excluded.kinds, job_match = excluded.job_match, mine = excluded.mine, created_at = excluded.created_at`,
    { userId: rule.userId, kinds: encodeKinds(rule.kinds), match: JSON.stringify(rule.match), mine: rule.mine ? 1 : 0, createdAt: rule.createdAt },
  );
  return before ? toRule(before) : null;
}

export const removeNotifyRule = (userId: string): Stmt => stmt(`DELETE FROM notify_rules WHERE user_id = @userId RETURNING ${RULE_COLUMNS}`, { userId });

export const notifyRules = (userId: string | null): Stmt =>
  stmt(
    `SELECT r.user_id, r.kinds, r.job_match, r.mine, r.created_at, l.hume_user_id
     FROM notify_rules r LEFT JOIN hume_links l ON l.user_id = r.user_id
     ${userId === null ? '' : 'WHERE r.user_id = @userId'} ORDER BY r.user_id`,
    userId === null ? {} : { userId },
  );

export const toLinkedRule = (row: Row): LinkedRule => ({ rule: toRule(row), humeUserId: textOrNull(row, 'hume_user_id') });

export { toRule };

const LINK_COLUMNS = 'user_id, hume_user_id, created_at';

export const getHumeLink = (userId: string): Stmt => stmt(`SELECT ${LINK_COLUMNS} FROM hume_links WHERE user_id = @userId`, { userId });

export function* setHumeLink(userId: string, humeUserId: string | null, at: number): Script<HumeLink | null> {
  const [before] = yield getHumeLink(userId);
  yield humeUserId === null
    ? stmt('DELETE FROM hume_links WHERE user_id = @userId', { userId })
    : stmt(
        `INSERT INTO hume_links (${LINK_COLUMNS}) VALUES (@userId, @humeUserId, @at)
         ON CONFLICT (user_id) DO UPDATE SET hume_user_id = excluded.hume_user_id, created_at = excluded.created_at`,
        { userId, humeUserId, at },
      );
  return before ? toLink(before) : null;
}

export { toLink };
