/** The command reference shown by `help` and under every "not understood" reply. */

export interface UsageLine {
  syntax: string;
  meaning: string;
}

export const USAGE: readonly UsageLine[] = [
  { syntax: '/hume-jobs', meaning: 'the most recent jobs, newest first' },
  {
    syntax: '/hume-jobs failed',
    meaning: 'jobs by status: queued, running, completed, failed (or in_progress, live, ended, errored); combine several',
  },
  { syntax: '… limit 20', meaning: 'jobs per page (1–25, default 10); Next and Previous walk through the rest' },
  { syntax: '… since 2h · before yesterday', meaning: '30m, 2h, 3d, 1w, today, yesterday, 2026-11-01, 2026-11-01T09:30Z, Unix ms (UTC)' },
  { syntax: '… sort ended · oldest · newest', meaning: 'sort by created, started or ended time, either way' },
  { syntax: '… mode realtime · endpoint audio · user <id>', meaning: 'runs-only filters' },
  { syntax: '… public', meaning: 'post the answer in the channel instead of only to you' },
  { syntax: '/hume-jobs job <id>', meaning: 'one job in full (the 8-character short id works too)' },
  { syntax: '/hume-jobs summary since 24h', meaning: 'counts by status, durations, failures grouped by message' },
  { syntax: '/hume-jobs subscribe failed mention @team', meaning: 'alerts in this channel (default: completed failed)' },
  {
    syntax: '… endpoint audio · mode realtime · user <id> · model face',
    meaning: 'only those jobs (model: batch; the others: runs); other filters make another subscription here',
  },
  { syntax: '/hume-jobs unsubscribe [statuses] [2 · filters · all]', meaning: 'stop some alerts: of subscription 2, of the one with those filters, or every one' },
  { syntax: '/hume-jobs subscriptions [all]', meaning: 'what this channel (or every channel) receives, numbered' },
  { syntax: '/hume-jobs board · board off', meaning: 'a status message here that stays current (edited at most every 30 s)' },
  { syntax: '/hume-jobs snooze 2h · until 9:00 · off', meaning: 'hold this channel’s alerts, then one summary (9:00 is your time)' },
  { syntax: '/hume-jobs overdue 45m · auto · off', meaning: 'when a stuck job gets an overdue alert here (auto: learnt from history)' },
  { syntax: '/hume-jobs unmute', meaning: 'end the mutes set with *Mute this cause 4h* here, each with its summary' },
  { syntax: "Buttons: I'm on it · Mute this cause 4h", meaning: 'on failure and overdue alerts: show who took it; hold that cause here for 4 h' },
  { syntax: '/hume-jobs changes [since 7d] [all]', meaning: 'who changed this channel’s (or every channel’s) alert settings, and when' },
  { syntax: '/hume-jobs watch <id> · unwatch <id>', meaning: 'one DM to you when that job completes or fails (watch alone lists yours)' },
  { syntax: '/hume-jobs notify me failed [filters] · off', meaning: 'a DM to you for each matching change (mode, endpoint, user, mine); notify me alone shows it' },
  { syntax: '/hume-jobs link usr_… · off', meaning: 'which Hume user you are, so mine means your own runs' },
  { syntax: '/hume-jobs help', meaning: 'this help' },
];

export const EXAMPLES: readonly string[] = [
  '/hume-jobs failed since 2h limit 5',
  '/hume-jobs running oldest',
  '/hume-jobs completed since yesterday sort ended',
  '/hume-jobs job 1a2b3c4d',
];
