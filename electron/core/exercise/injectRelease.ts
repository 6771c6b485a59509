import type { CableInput } from '../cables/cableInput';
import type { Db } from '../store/database';

/**
 * How an inject leaves the instructor's machine when the exercise runs over the classroom
 * (issue 11 item 5; docs/CLASSROOM.md "The exercise over the classroom"). The engine stays
 * ignorant of the exchange: while a releaser is set for a database (by the classroom client of
 * an instructor, with the instructor's signing key open), every inject it fires is written as a
 * cable *released by the instructor* — `prepare` names the instructor as its drafter and
 * approver — and `sign` adds the signature chain in the same transaction as the inject. The
 * classroom client then posts it like any release, and each post verifies it like any
 * exchanged cable. Without a releaser (a local exercise) nothing changes.
 */
export type InjectReleaser = Readonly<{
  /** The inject's cable as the instructor releases it. */
  prepare(input: CableInput): CableInput;
  /** Signs the written cable (inside the inject's transaction; throws to roll it back). */
  sign(cableId: number): void;
}>;

const releasers = new WeakMap<Db, InjectReleaser>();

export function setInjectReleaser(db: Db, releaser: InjectReleaser | null): void {
  if (releaser) releasers.set(db, releaser);
  else releasers.delete(db);
}

export function injectReleaserOf(db: Db): InjectReleaser | null {
  return releasers.get(db) ?? null;
}
