/**
 * The DMs of personal notifications: what a person hears of a job they watched or of changes
 * matching their `notify me` rule. The job's part is the channel alert's own (status, id, what
 * went in, the error of a failure, a Details button; everything from Hume escaped by those
 * builders), so a DM reads like the alert the team sees; below it, why this person got it and how
 * to stop it. Several changes at once are one DM, like a channel's digest.
 */
import type { DirectPayload } from '../domain/alert-payload';
import { buildDigest, buildJobAlert } from './alerts';
import { context, type Message } from './blocks';
import { fitMessage } from './limits';

function why(payload: DirectPayload): string {
  if (payload.reason === 'watch') {
    return payload.changes.length === 1
      ? 'You asked to hear when this job ends (`/hume-jobs watch`); that watch is now over.'
      : 'You asked to hear when these jobs end (`/hume-jobs watch`); those watches are now over.';
  }
  return 'You get these for your `/hume-jobs notify me` rule: `/hume-jobs notify me` shows it, `/hume-jobs notify me off` stops it.';
}

export function buildDirectMessage(payload: DirectPayload, now: number): Message {
  const [only] = payload.changes;
  const body =
    payload.changes.length === 1 && only !== undefined
      ? buildJobAlert({ type: 'job', change: only, mention: null }, now)
      : buildDigest({ type: 'digest', changes: payload.changes, catchUp: false, mention: null }, now);
  return fitMessage({ text: body.text, blocks: [...body.blocks, context(why(payload))] });
}
