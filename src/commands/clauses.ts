/**
 * What one or two words said, before they are put together into a Command. Reading words and
 * checking which belong together are separate steps, so words may come in any order.
 */
import type { Direction, SortKey } from '../jobs/filter';
import { STATUS_KINDS, type StatusKind } from '../jobs/job';
import type { SnoozeEnd } from './command';
import type { Endpoint, Mode, Model, Verb } from './vocabulary';

/** What `until` can say: a moment, or a time of day. */
export type UntilValue = Extract<SnoozeEnd, { type: 'at' | 'clock' }>;

export interface SlotValues {
  verb: Verb;
  status: StatusKind;
  limit: number;
  since: number;
  before: number;
  sort: SortKey;
  direction: Direction;
  mode: Mode;
  endpoint: Endpoint;
  user: string;
  /** Batch: a model the job ran (`model face`). */
  model: Model;
  id: string;
  mention: string;
  public: true;
  all: true;
  off: true;
  auto: true;
  me: true;
  mine: true;
  /** A length of time typed alone (`2h`, `45m`, `2 hours`): what `snooze` and `overdue` take. */
  duration: number;
  until: UntilValue;
  /**
   * A whole number typed alone (`20`, `2`): a page size in a list, a subscription's number from
   * the list after `unsubscribe`. Which one is decided once the command is known.
   */
  number: number;
}

export type Slot = keyof SlotValues;

export interface ClauseOf<S extends Slot> {
  slot: S;
  value: SlotValues[S];
  /** The words as typed (`limit 20`, `since:2h`), for error messages. */
  word: string;
}

export type Clause = { [S in Slot]: ClauseOf<S> }[Slot];

export function clause<S extends Slot>(slot: S, value: SlotValues[S], word: string): Clause {
  // TypeScript cannot see that a ClauseOf<S> for a generic S is a member of the union.
  return { slot, value, word } as Clause;
}

export function clausesOf<S extends Slot>(clauses: readonly Clause[], slot: S): ClauseOf<S>[] {
  return clauses.filter((c): c is ClauseOf<S> & Clause => c.slot === slot);
}

/** The value of the first clause for a slot (conflicting repeats were refused earlier). */
export function valueOf<S extends Slot>(clauses: readonly Clause[], slot: S): SlotValues[S] | undefined {
  return clausesOf(clauses, slot)[0]?.value;
}

/** The statuses typed: unique, in STATUS_KINDS order, whatever order and aliases were typed. */
export function statusesOf(clauses: readonly Clause[]): StatusKind[] {
  const typed = new Set(clausesOf(clauses, 'status').map((c) => c.value));
  return STATUS_KINDS.filter((kind) => typed.has(kind));
}
