/**
 * A subscription's status kinds, stored as one comma-separated text column. Kept in STATUS_KINDS
 * order so a subscription reads the same however it was built up.
 */
import { STATUS_KINDS, type StatusKind } from '../jobs/job';

export function isStatusKind(value: string): value is StatusKind {
  return (STATUS_KINDS as readonly string[]).includes(value);
}

export function encodeKinds(kinds: readonly StatusKind[]): string {
  return kinds.join(',');
}

/** Unknown words are dropped rather than fatal: a row written by a newer version stays readable. */
export function decodeKinds(text: string): StatusKind[] {
  const present = new Set(text.split(','));
  return STATUS_KINDS.filter((kind) => present.has(kind));
}

export function unionKinds(current: readonly StatusKind[], added: readonly StatusKind[]): StatusKind[] {
  return STATUS_KINDS.filter((kind) => current.includes(kind) || added.includes(kind));
}

export function removeKinds(current: readonly StatusKind[], removed: readonly StatusKind[]): StatusKind[] {
  return STATUS_KINDS.filter((kind) => current.includes(kind) && !removed.includes(kind));
}
