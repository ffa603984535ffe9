/**
 * The store port: everything the app must remember across restarts. Adapters: SQLite (embedded
 * default) and PostgreSQL (several replicas), both one `SqlStore`. One contract test suite runs
 * against both.
 *
 * The port is a set of roles (ports/), one per kind of user, so each consumer names the part it
 * uses in its deps (`store: OutboxStore & ChannelSettings`) and the seam is visible. `Store` is
 * all of them, what the composition root opens and hands out.
 *
 * Crash safety rests on two rules: the poller writes job states, new outbox rows and its progress
 * in ONE transaction (`commitCycle`), and delivery records each Slack write it made before the
 * next one (`recordPosted`), so a restart resumes instead of repeating.
 */
import type { AlertActionStore } from './ports/alert-actions';
import type { BoardStore } from './ports/board-store';
import type { ChannelSettings } from './ports/channel-settings';
import type { DigestStore } from './ports/digest-store';
import type { DeclaredSettingsStore } from './ports/declared-settings';
import type { HomeViewerStore } from './ports/home-viewer-store';
import type { JobStore } from './ports/job-store';
import type { LeaseStore } from './ports/lease-store';
import type { StoreLifecycle } from './ports/lifecycle';
import type { OpsStore } from './ports/ops-store';
import type { OutboxStore } from './ports/outbox-store';
import type { PersonalAlerts } from './ports/personal-alerts';
import type { Retention } from './ports/retention';
import type { SettingChangeLog } from './ports/setting-change-log';
import type { FenceSource } from './fence';

export { FencedOutError, type Fence, type FenceSource } from './fence';

export type { AlertActionStore, EndedMute } from './ports/alert-actions';
export type { BoardStore } from './ports/board-store';
export type { ChannelSettings, EndedSnooze } from './ports/channel-settings';
export type { DigestStore } from './ports/digest-store';
export type { DeclaredSettingsStore, ManagedSetting, ReconcileReport } from './ports/declared-settings';
export type { HomeViewer, HomeViewerStore } from './ports/home-viewer-store';
export type { CycleWrite, JobStore, TrackedJob } from './ports/job-store';
export type { Lease, LeaseStore } from './ports/lease-store';
export type { StoreLifecycle } from './ports/lifecycle';
export type { FoldedBacklog, JobMessage, MessageRef, OutboxStats, OutboxStore } from './ports/outbox-store';
export type { PersonalAlerts } from './ports/personal-alerts';
export type { PruneReport, Retention, RetentionCutoffs } from './ports/retention';
export type { SettingChangeLog, SettingChangesPage } from './ports/setting-change-log';
export type { OldestUndelivered, OpsStore } from './ports/ops-store';

// Domain types the port speaks in, re-exported for the store's own users (adapters, poller, delivery).
export type { Board, StatusCounts } from '../domain/board';
export type { DigestSchedule } from '../domain/digest-schedule';
export type { ChannelProblem, GivenUpAlerts, Snooze, Subscription } from '../domain/channel';
export type { AlertActionState, AlertClaim, Mute } from '../domain/alert-actions';
export type { NewOutboxRow, OutboxKind, OutboxRow } from '../domain/outbox';
export type { FinishedWatch, HumeLink, LinkedRule, NotifyRule, Watch } from '../domain/personal';
export type { ChangeAuthor, ChangeStamp, NewSettingChange, SettingChange, SettingChangeSource, SettingChangeWhat } from '../domain/setting-change';

/** Every role: what one adapter implements. An interface (not `&`) so errors name it. */
export interface Store
  extends StoreLifecycle,
    JobStore,
    ChannelSettings,
    BoardStore,
    HomeViewerStore,
    OutboxStore,
    Retention,
    LeaseStore,
    AlertActionStore,
    SettingChangeLog,
    PersonalAlerts,
    OpsStore,
    DigestStore,
    DeclaredSettingsStore {
  /** The same store, with every write of the leader's work checking the lease term first (fence.ts). */
  withFence(source: FenceSource): Store;
}
