/** What every section runs against: a simulator process, the Slack stand-in, and how to start the app. */
import type { SlackStandIn } from '../../src/simulator/slack-server';
import type { AppEntry } from './app-entry';
import { startAppProcess, type AppProcess, type AppSettings } from './app-process';
import type { SimProcess } from './sim-client';

export interface Rig {
  sim: SimProcess;
  slack: SlackStandIn;
  entry: AppEntry;
}

/** The app in its own process, wired to this rig's simulator and Slack stand-in. */
export function startApp(rig: Rig, settings: Omit<AppSettings, 'humeUrl' | 'slackApiUrl'>): Promise<AppProcess> {
  return startAppProcess({ humeUrl: rig.sim.url, slackApiUrl: rig.slack.apiUrl, ...settings }, rig.entry);
}
