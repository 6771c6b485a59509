import { createHash } from 'node:crypto';
import { COMMUNICATIONS_OFFICE, decideAccess, decideHandling } from '../../domain/access';
import { canonicalJson } from '../../domain/canonical';
import { classificationRank } from '../../domain/classification';
import { accessObjectOf } from '../services/cableView';
import { personNames } from '../signing/bulkVerify';
import { readSignedCables, type SignedCable } from '../signing/signedCable';
import { fromDocument, signedCableDocumentSchema, toDocument } from '../signing/signedCableSchema';
import { chainMessages, checkChain, type KeyLookup } from '../signing/verifyChain';
import { loadCableRecord, pendingPasses } from '../store/cableReader';
import type { Db } from '../store/database';
import { grantRole, memberSubject, type GrantRole, type Member } from './members';

/**
 * A cable as the exchange carries it: the signed-cable document of a signed bundle
 * (signing/signedCableSchema.ts) in canonical JSON, and its SHA-256 — the row's identity.
 */
export type ExchangeCable = Readonly<{
  hash: string;
  ref: string;
  classRank: number;
  categories: ReadonlyArray<string>;
  document: string;
}>;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The exchange form of a signed cable of this database, or null when it carries no signatures. */
export function exchangeCableOf(db: Db, cableId: number): ExchangeCable | null {
  const [signed] = readSignedCables(db, cableId, cableId);
  const record = loadCableRecord(db, cableId);
  if (!signed || !record || signed.signatures.length === 0) return null;
  const document = canonicalJson(toDocument(signed));
  return {
    hash: sha256Hex(document),
    ref: signed.release.ref,
    classRank: classificationRank(record.cable.classification),
    categories: [...record.cable.categories].sort(),
    document,
  };
}

/**
 * Who receives a cable (issue 11 item 2): every member, other than the sender, whose post holds a
 * delivery of it and whom the same access decision as inside this database admits (DOMAIN.md
 * rules 14, 15, 18, 20). The server re-checks the label floor; RLS enforces it on reading.
 *
 * And, as locally, the communications office carries out its post's pass instructions sealed
 * (domain/access.ts decideHandling; rules 14, 17): a member of COMMS at a post with a pending pass
 * instruction, kept from the text by its captions alone, is granted it as PASS — its machine
 * holds it as the post's store does, shows it as a sealed envelope and passes it unread.
 */
export function grantsFor(
  db: Db,
  cableId: number,
  members: ReadonlyArray<Member>,
  sender: string,
): Array<{ login: string; role: GrantRole }> {
  const record = loadCableRecord(db, cableId);
  if (!record) return [];
  const object = accessObjectOf(record);
  const out: Array<{ login: string; role: GrantRole }> = [];
  let passing: ReadonlySet<number> | null = null;
  for (const m of members) {
    if (m.login === sender) continue;
    const subject = memberSubject(db, m);
    if (!subject) continue;
    const role = grantRole(record, subject.stationId);
    if (!role) continue;
    if (decideAccess(subject, object).allowed) out.push({ login: m.login, role });
    else if (m.office === COMMUNICATIONS_OFFICE) {
      passing ??= new Set(pendingPasses(db, cableId).map((p) => p.byStationId));
      if (passing.has(subject.stationId) && decideHandling(subject, object, true).allowed)
        out.push({ login: m.login, role: 'PASS' });
    }
  }
  return out;
}

export type Checked =
  Readonly<{ ok: true; cable: SignedCable; ref: string }> | Readonly<{ ok: false; ref: string; reason: string }>;

/**
 * Everything a received row must pass before it is applied: the hash is the document's, the
 * document is a canonical signed-cable document, its label is the row's, and every signature of
 * its chain verifies against a key of the members or of this database (DOMAIN.md rules 23–24:
 * a changed label or text fails).
 */
export function checkReceived(
  db: Db,
  row: Readonly<{ hash: string; ref: string; classRank: number; categories: ReadonlyArray<string>; document: string }>,
  keys: KeyLookup,
): Checked {
  const refused = (reason: string): Checked => ({ ok: false, ref: row.ref, reason });
  if (sha256Hex(row.document) !== row.hash) return refused('the document does not match its content hash');
  let raw: unknown;
  try {
    raw = JSON.parse(row.document);
  } catch {
    return refused('the document is not JSON');
  }
  const parsed = signedCableDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refused(`the document is malformed at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (canonicalJson(parsed.data) !== row.document) return refused('the document is not in canonical form');
  const cable = fromDocument(parsed.data);
  if (cable.release.ref !== row.ref) return refused(`the row names ${row.ref} but the document ${cable.release.ref}`);
  if (classificationRank(cable.draft.classification) !== row.classRank)
    return refused("the row's classification rank is not the document's");
  const chain = checkChain(cable, keys, personNames(db));
  if (chain.status !== 'VERIFIED') {
    const bad = chain.signatures.find((s) => !s.verified);
    return refused(
      bad ? `${bad.role.toLowerCase()} ${bad.signer}: ${bad.problem ?? 'does not verify'}` : chain.problems.join(' '),
    );
  }
  return { ok: true, cable, ref: cable.release.ref };
}

/** Either key lookup, this database's first. */
export function eitherKeys(first: KeyLookup, second: KeyLookup): KeyLookup {
  return (fingerprint) => first(fingerprint) ?? second(fingerprint);
}

/** The same signed bytes and the same signatures (as a bundle import compares). */
export function sameSignedCable(a: SignedCable, b: SignedCable): boolean {
  const ma = chainMessages(a);
  const mb = chainMessages(b);
  return (
    ma.length === mb.length &&
    a.signatures.length === b.signatures.length &&
    ma.every((m, i) => Buffer.compare(Buffer.from(m), Buffer.from(mb[i]!)) === 0) &&
    a.signatures.every(
      (s, i) => Buffer.compare(Buffer.from(s.signature), Buffer.from(b.signatures[i]!.signature)) === 0,
    )
  );
}
