/**
 * The one check before anything changes a channel's alert settings: the command listener runs it
 * for every command `changesAlertSettings` names, and a button that changes settings (a mute)
 * must run it too before acting. Null: go ahead. Otherwise the reply to send the caller, alone:
 * who can change settings and how to ask, or why the app could not check.
 */
import type { WebClient } from '@slack/web-api';
import { buildNotAllowed } from '../../messages/access';
import type { AlertAccess } from '../access/alert-access';
import { toCallerOnly, type CommandResponse } from './command-response';

/**
 * `asked` is what the caller tried, as they would type it (`/hume-jobs subscribe failed`), so an
 * admin can be asked to run exactly that; for a button, the command that does the same.
 */
export async function refusalUnlessAllowed(access: AlertAccess, client: WebClient, userId: string, asked: string): Promise<CommandResponse | null> {
  const decision = await access.check(client, userId);
  if (decision.allowed || access.admins === null) return null;
  return toCallerOnly(buildNotAllowed(decision, access.admins, asked));
}
