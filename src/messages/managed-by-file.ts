/**
 * The one line chat gets when it would change what SUBSCRIPTIONS_FILE declares: the file is the
 * source of truth for it, so the reply says where to change it instead.
 */
import type { Message } from './blocks';
import { buildNotice } from './replies';

export type ManagedThing = 'subscription' | 'overdue' | 'board' | 'digest';

const THING: Record<ManagedThing, string> = {
  subscription: 'This subscription is',
  overdue: "This channel's overdue limit is",
  board: "This channel's board is",
  digest: "This channel's digest is",
};

export function buildManagedByFile(thing: ManagedThing): Message {
  return buildNotice(`:lock: ${THING[thing]} managed by file (SUBSCRIPTIONS_FILE): change it there.`);
}
