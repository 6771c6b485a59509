import { clearanceName, encodeContent, signedMessage, type ReleaseHeader } from '../../../domain/canonical';
import type { Draft } from '../../../domain/draft';
import { formatDtg } from '../../../domain/dtg';
import { CableroomError } from '../../errors';
import type { CableInput } from '../../cables/cableInput';
import {
  insertCableSignatures,
  readSignedCables,
  releasedCableInput,
  type StoredSignature,
} from '../../signing/signedCable';
import { chainMessages, chainProblems } from '../../signing/verifyChain';
import { cableIdByRef, liveExerciseId } from '../../store/cableReader';
import { insertCable } from '../../store/cableWriter';
import type { Db } from '../../store/database';
import { prepared } from '../../store/statements';
import { userByLogin } from '../../store/directoryRepository';
import {
  insertDraftSignature,
  markDraftReleased,
  nextMrnSerial,
  nextSeriesNumber,
  setApprovalAuthority,
} from '../../store/draftsRepository';
import type { Actor } from '../actor';
import type { DraftsService } from '../drafts';
import { actorOfUser, releaseProblems } from './authority';
import { bad, mustHaveNoErrors, requiredCleared, type Desk } from './desk';
import { signAs, signatureHeader } from './signing';
import { draftView, findingsOf } from './view';

/** The MRN station of a post: "SECSTATE WASHDC" → STATE, "AMEMBASSY PARIS" → PARIS (DOMAIN.md §1.10). */
export function mrnStation(plad: string): string {
  if (plad.startsWith('SECSTATE')) return 'STATE';
  const words = plad.split(' ');
  return (words.length > 1 ? words[1]! : words[0]!).replace(/[^A-Z]/g, '');
}

/**
 * When the cable is dated (issue 16): the clock's time (scenario time inside an exercise), or,
 * outside an exercise, the draft's practice date at the clock's time of day — a 1977 practice
 * cable gets "091603Z NOV 77" and a 1977 MRN year.
 */
export function releaseInstant(d: Draft, clock: Date, inExercise: boolean): Date {
  if (inExercise || !d.practiceDate) return clock;
  const day = new Date(`${d.practiceDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return clock;
  return new Date(day.getTime() + (clock.getTime() % 86_400_000));
}

/** What the release assigns (DOMAIN.md §1.10, rule 22): DTG = now, the next MRN and series numbers. */
/** The reference, DTG and numbers a release of `d` at `now` takes (also what its preview shows). */
export function releaseHeader(db: Db, d: Draft, clock: Date): ReleaseHeader {
  const now = releaseInstant(d, clock, liveExerciseId(db) !== null);
  const station = mrnStation(d.originator.plad);
  const year = now.getUTCFullYear();
  const series = d.series ? { indicator: d.series, number: nextSeriesNumber(db, d.series) } : null;
  const refOf = (n: number): string => `${station} ${String(n).padStart(6, '0')}`;
  // The reference does not carry the year: a serial of another year (a 1962 exercise beside the
  // real year's traffic) may already name a cable, so the serial moves on past it.
  let serial = nextMrnSerial(db, station, year);
  while (!series && cableIdByRef(db, refOf(serial)) !== undefined) serial++;
  return {
    ref: series ? `${series.indicator} ${series.number}` : refOf(serial),
    dtg: formatDtg(now),
    mrn: { station, year, serial },
    series,
  };
}

/**
 * The cable a release of `d` writes: the draft with the release's numbers, and on an ADS cable from
 * a post the post's serial of its telegrams to the Department on the TO line ("TO SECSTATE WASHDC
 * NIACT IMMEDIATE 4280", MOSCOW 16276; DOMAIN.md §1.8, issue 16): the next number, per post and MRN
 * year. The channel serial is routing, not content: no signature covers it.
 */
export function releaseInput(db: Db, d: Draft, release: ReleaseHeader): CableInput {
  const input = releasedCableInput(d, release);
  if (d.profile !== 'ADS_1973_79' || d.series || !release.mrn || release.mrn.station === 'STATE') return input;
  const series = release.mrn.station;
  const last = prepared(
    db,
    `SELECT coalesce(max(a.channel_serial), 0) FROM addressees a
       JOIN transmissions t ON t.id = a.transmission_id JOIN cables c ON c.id = t.cable_id
       JOIN stations s ON s.id = a.station_id JOIN stations o ON o.id = c.originator_station_id
      WHERE o.plad = ? AND s.plad LIKE 'SECSTATE %' AND a.channel_series = ? AND c.mrn_year = ?`,
  )
    .pluck()
    .get(d.originator.plad, series, release.mrn.year) as number;
  return {
    ...input,
    transmission: {
      ...input.transmission,
      addressees: input.transmission.addressees.map((a) =>
        a.plad?.startsWith('SECSTATE ') && a.role !== 'EXEMPT' ? { ...a, serial: { series, number: last + 1 } } : a,
      ),
    },
  };
}

/**
 * Approval and release (DOMAIN.md rules 23, 24; issue 13): the approver — who holds approval
 * authority at the originating post — signs, and the cable is released (transmitted) in the same
 * transaction, read back and checked against the bytes signed. Also who holds that authority.
 */
export function releaseSteps(desk: Desk): Pick<DraftsService, 'approve' | 'setApprovalAuthority'> {
  const { db, audit, who, row, body } = desk;
  return {
    async approve(actor, id, revision, passphrase) {
      const r = desk.readable(actor, id, 'approve');
      const d = body(r);
      if (r.state !== 'AWAITING_APPROVAL')
        throw bad('The draft is not waiting for approval: every required clearance must be signed first (rule 23).');
      desk.current(r, revision);
      if (!desk.isApprover(actor, d)) {
        desk.refuse(actor, {
          message: 'Only the approver named on the draft approves and releases it.',
          detail: { draft: id, what: 'approve', reason: 'NOT_APPROVER' },
        });
      }
      // Release authority (issue 13), checked again now: clearances and designations may have changed.
      const signers = desk
        .signatures(id, revision)
        .filter((s) => s.role === 'CLEARER' && s.decision === 'SIGNED')
        .map((s) => actorOfUser(db, s.signer_user_id))
        .filter((a): a is Actor => a !== undefined);
      const [problem] = releaseProblems(db, actor, actorOfUser(db, r.owner_user_id), signers, d);
      if (problem) desk.refuseWith(actor, id, 'approve', problem);
      mustHaveNoErrors(findingsOf(db, r, d));
      return signAs(desk, actor, passphrase, { draft: id, role: 'APPROVER' }, (sign, fingerprint, keyId) =>
        db.transaction(() => {
          desk.current(row(id), revision);
          const sigs = desk.signatures(id, revision);
          if (!requiredCleared(d, sigs) || !sigs.some((s) => s.role === 'DRAFTER')) {
            throw bad('Every required clearance and the drafter must have signed (rule 23).');
          }
          // The DTG, the MRN year and the signature time are the scenario's inside an exercise
          // (issue 10); the deliveries arrive in the inbox now, the audit entries keep real time.
          const now = desk.clock.now();
          const release = releaseHeader(db, d, now);
          const header = signatureHeader(desk, actor, 'APPROVER', fingerprint, null, release);
          const approver: StoredSignature = {
            role: 'APPROVER',
            signer: desk.personKey(actor.personId),
            key: fingerprint,
            clearance: null,
            signedAt: now.toISOString(),
            signature: sign(signedMessage(header, encodeContent(d))),
          };
          const chain: StoredSignature[] = [
            ...sigs
              .filter((s) => s.decision === 'SIGNED')
              .map((s) => ({
                role: s.role,
                signer: s.signer_person,
                key: s.key_fingerprint ?? '',
                clearance:
                  s.role === 'CLEARER'
                    ? {
                        for: clearanceName(d.clearers[s.clearance_index!]!),
                        kind: d.clearers[s.clearance_index!]!.kind,
                      }
                    : null,
                signedAt: s.at,
                signature: new Uint8Array(s.signature!),
              })),
            approver,
          ];
          insertDraftSignature(db, {
            draftId: id,
            revision,
            role: 'APPROVER',
            clearanceIndex: null,
            decision: 'SIGNED',
            comment: null,
            signerUserId: actor.userId,
            keyId,
            signature: approver.signature,
            at: approver.signedAt,
          });
          // A reply released during an exercise may cite the exercise's injects (migration 0012).
          const cableId = insertCable(db, releaseInput(db, d, release), now, {
            arrivedAt: new Date(),
            referencesIn: liveExerciseId(db),
          });
          insertCableSignatures(db, cableId, chain);
          // The cable as stored must encode to exactly the bytes that were signed.
          const [stored] = readSignedCables(db, cableId, cableId);
          const again = stored ? chainMessages(stored) : [];
          const expected = chainMessages({ draft: d, release, signatures: chain });
          if (
            again.length !== expected.length ||
            again.some((m, k) => Buffer.compare(Buffer.from(m), Buffer.from(expected[k]!)) !== 0) ||
            chainProblems({ draft: d, signatures: chain }).length > 0
          ) {
            throw new CableroomError(
              'INTERNAL',
              'The released cable does not read back as signed; nothing was released.',
            );
          }
          markDraftReleased(db, id, cableId, now.toISOString());
          audit.append({
            actor: who(actor),
            action: 'APPROVE',
            cableId,
            detail: { draft: id, revision, key: fingerprint },
          });
          audit.append({
            actor: who(actor),
            action: 'RELEASE',
            cableId,
            detail: { draft: id, ref: release.ref, dtg: release.dtg },
          });
          return draftView(desk, actor, row(id));
        })(),
      );
    },

    setApprovalAuthority(actor, login, authority, now = new Date()) {
      const target = userByLogin(db, login);
      if (!target) throw new CableroomError('NOT_FOUND', `No user ${login}.`);
      const what = 'approval authority';
      if (!desk.overseer(actor)) {
        if (!actor.isPrincipal) {
          desk.refuse(actor, {
            message: "Only the post's principal (or an instructor) designates who approves.",
            detail: { what, login, reason: 'NOT_PRINCIPAL' },
          });
        }
        if (actor.stationId !== target.station_id) {
          desk.refuse(actor, {
            message: `${login} is not at your post, ${actor.post.plad}: a principal designates approvers at their own post.`,
            detail: { what, login, reason: 'OTHER_POST' },
          });
        }
      }
      // Trainees never approve (docs/RULES.md "Release authority").
      if (authority !== null && target.role === 'trainee') {
        desk.refuse(actor, {
          code: 'BAD_REQUEST',
          message: `${login} is a trainee: trainees never approve (docs/RULES.md).`,
          detail: { what, login, reason: 'TRAINEE' },
        });
      }
      db.transaction(() => {
        setApprovalAuthority(db, {
          personId: target.person_id,
          stationId: target.station_id,
          kind: authority,
          byUserId: actor.userId,
          at: now.toISOString(),
        });
        audit.append({ actor: who(actor), action: 'DESIGNATE', detail: { what, login, authority } }, now);
      })();
    },
  };
}
