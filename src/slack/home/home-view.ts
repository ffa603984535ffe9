/**
 * The App Home tab as it should look now, from what the poller recorded (no Hume call), with a
 * fingerprint of its content: the same for everyone, so it is built once per refresh round, and
 * a viewer whose stored fingerprint matches is not published again.
 */
import { createHash } from 'node:crypto';
import type { SourceName } from '../../jobs/job';
import { buildAppHome, type HomeInput, type HomeView } from '../../messages/app-home';
import { loadLastDaySummary, loadRecentActivity } from '../../queries/recent-activity';
import type { ChannelSettings, JobStore, SettingChangeLog } from '../../store/store';

export interface HomeContent {
  view: HomeView;
  fingerprint: string;
}

/**
 * What the tab says apart from the clock: "updated at" and "running for" move every second,
 * which alone is no reason to publish again.
 */
export function homeFingerprint(input: HomeInput): string {
  const timeless = { ...input, now: 0, summary: { ...input.summary, since: 0, until: 0 } };
  return createHash('sha256').update(JSON.stringify(timeless)).digest('base64url').slice(0, 22);
}

/** The tab shows the last few changes to alert settings, of the last month. */
const HOME_CHANGES = 5;
const HOME_CHANGES_MS = 30 * 86_400_000;

export async function loadHome(store: JobStore & ChannelSettings & SettingChangeLog, now: number, polling: boolean, source?: SourceName): Promise<HomeContent> {
  const [activity, subscriptions, problems, snoozes, changes] = await Promise.all([
    loadRecentActivity(store, now),
    store.listSubscriptions(null),
    store.channelProblems(),
    store.listSnoozes(null),
    store.settingChanges(null, now - HOME_CHANGES_MS, HOME_CHANGES),
  ]);
  const input: HomeInput = {
    summary: await loadLastDaySummary(store, activity),
    active: activity.active,
    subscriptions,
    problems,
    snoozes,
    changes: changes.changes,
    now,
    polling,
    source,
  };
  return { view: buildAppHome(input), fingerprint: homeFingerprint(input) };
}
