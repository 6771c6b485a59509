import { z } from 'zod';
import type { BundleExport, BundleSummary } from '../../domain/exchange';
import { decideAccess } from '../../domain/access';
import { canonicalJson } from '../../domain/canonical';
import { CLASSIFICATIONS, classificationRank } from '../../domain/classification';
import type { AuditTrail } from '../audit/auditTrail';
import { signDetached } from '../crypto/keys';
import { currentKey } from '../crypto/keyStore';
import { verifySignature } from '../crypto/verify';
import { CableroomError } from '../errors';
import { accessSubject, type Actor } from '../services/actor';
import { accessObjectOf } from '../services/cableView';
import { databaseKeys, personNames } from '../signing/bulkVerify';
import { insertCableSignatures, readSignedCables, releasedCableInput, type SignedCable } from '../signing/signedCable';
import { fromDocument, signedCableDocumentSchema, toDocument } from '../signing/signedCableSchema';
import { chainMessages, checkChain } from '../signing/verifyChain';
import { cableIdByRef, loadCableRecord } from '../store/cableReader';
import { insertCable } from '../store/cableWriter';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { unsealSigningKey } from '../users/passphraseGate';

/**
 * Signed bundles: released cables exchanged between machines as one file (issue 6).
 *
 *   CABLEROOM-BUNDLE-1\n
 *   <canonical JSON of the body>\n
 *   <exporter's Ed25519 signature over the two lines above, hex>\n
 *
 * The body holds the cables in canonical form with their signature chains, the bundle's overall
 * classification (the highest inside), and who exported it with which key. The exporter's
 * signature covers the exact bytes of the first two lines, and the signature is hex (every
 * character counts), so a change of any single byte of the file is refused. On import every
 * signature — the exporter's and every chain's — must verify against public keys this database
 * already knows; then all cables are written in one transaction, or none.
 */
export const BUNDLE_MAGIC = 'CABLEROOM-BUNDLE-1';
const BUNDLE_SIGNATURE_DOMAIN = 'CABLEROOM-BUNDLE-SIG-1\n';
/** A bundle larger than this is refused before parsing. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

const bodySchema = z
  .object({
    format: z.literal('cableroom.bundle/1'),
    classification: z.enum(CLASSIFICATIONS),
    exportedBy: z.string().min(1),
    exporterKey: z.string().regex(/^[0-9a-f]{32}$/),
    exportedAt: z.iso.datetime({ offset: true }),
    cables: z.array(signedCableDocumentSchema).min(1).max(10_000),
  })
  .strict();

export type { BundleSummary } from '../../domain/exchange';

const utf8 = new TextEncoder();

function refused(message: string): CableroomError {
  return new CableroomError('INTEGRITY', `Bundle refused: ${message}`);
}

/** Writes a bundle of the released cables `refs` the actor may see, signed by the actor. */
export async function exportBundle(
  db: Db,
  audit: AuditTrail,
  actor: Actor,
  cableIds: ReadonlyArray<number>,
  passphrase: string,
  now: Date = new Date(),
): Promise<{ text: string; summary: BundleSummary }> {
  const who = { userId: actor.userId, login: actor.login };
  const cables: Array<SignedCable & { cableId: number }> = [];
  for (const id of cableIds) {
    const record = loadCableRecord(db, id);
    if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${id}.`);
    const decision = decideAccess(accessSubject(actor), accessObjectOf(record));
    if (!decision.allowed) {
      // Nothing of a cable the actor may not see goes into a file, not even its reference.
      audit.append({ actor: who, action: 'DENY', cableId: id, detail: { channel: 'bundle', reason: decision.reason } });
      throw new CableroomError('ACCESS_DENIED', `Access denied. ${decision.explanation}`);
    }
    const [signed] = readSignedCables(db, id, id);
    if (!signed) {
      throw new CableroomError(
        'BAD_REQUEST',
        `${record.cable.ref} carries no signatures (a historical or imported cable): only released practice cables travel in signed bundles.`,
      );
    }
    cables.push(signed);
  }
  if (cables.length === 0) throw new CableroomError('BAD_REQUEST', 'A bundle needs at least one cable.');
  const classification = cables
    .map((c) => c.draft.classification)
    .reduce((a, b) => (classificationRank(b) > classificationRank(a) ? b : a));
  const key = currentKey(db, actor.personId);
  if (!key?.sealed) throw new CableroomError('BAD_REQUEST', 'You have no signing key to sign the bundle with.');
  const exportedBy = prepared(db, 'SELECT key FROM people WHERE id = ?').pluck().get(actor.personId) as string;
  const body = {
    format: 'cableroom.bundle/1',
    classification,
    exportedBy,
    exporterKey: key.fingerprint,
    exportedAt: now.toISOString(),
    cables: cables.map((c) => toDocument(c)),
  };
  const signedPart = `${BUNDLE_MAGIC}\n${canonicalJson(body)}\n`;
  // The passphrase is checked under the sign-in throttle, on the same counter, off the main thread
  // (issue 13 item 7): a wrong or throttled attempt is audited SIGN_FAILED and signs nothing.
  const secret = await unsealSigningKey(db, audit, { id: actor.userId, login: actor.login }, key, passphrase, {
    channel: 'export',
    detail: { what: 'bundle' },
  });
  let signature: Uint8Array;
  try {
    signature = signDetached(utf8.encode(BUNDLE_SIGNATURE_DOMAIN + signedPart), secret);
  } finally {
    secret.fill(0);
  }
  const refsOut = cables.map((c) => c.release.ref);
  for (const c of cables) {
    audit.append(
      {
        actor: who,
        action: 'EXPORT',
        cableId: c.cableId,
        detail: { channel: 'bundle', classification, refs: refsOut },
      },
      now,
    );
  }
  return {
    text: `${signedPart}${Buffer.from(signature).toString('hex')}\n`,
    summary: { classification, exportedBy, refs: refsOut, alreadyPresent: [] },
  };
}

/** Checks a bundle completely, then imports all of its cables in one transaction, or none. */
export function importBundle(db: Db, audit: AuditTrail, bytes: Uint8Array, actor: Actor | null = null): BundleSummary {
  if (bytes.length > MAX_BUNDLE_BYTES) throw refused(`it is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refused('it is not UTF-8 text.');
  }
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '' || lines[0] !== BUNDLE_MAGIC) {
    throw refused(
      `it is not a Cableroom bundle (expected "${BUNDLE_MAGIC}", the body and the signature on three lines).`,
    );
  }
  const [, bodyText, signatureHex] = lines as [string, string, string, string];
  if (!/^[0-9a-f]{128}$/.test(signatureHex))
    throw refused("the exporter's signature is not 64 bytes of lower-case hex.");
  let raw: unknown;
  try {
    raw = JSON.parse(bodyText);
  } catch (e) {
    throw refused(`the body is not JSON (${(e as Error).message}).`);
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refused(`the body is malformed at ${issue.path.join('.') || '(root)'}: ${issue.message}.`);
  }
  const body = parsed.data;
  if (canonicalJson(body) !== bodyText) throw refused('the body is not in canonical form.');

  // The exporter's signature, against a key this database knows as the exporter's.
  const keys = databaseKeys(db);
  const exporter = keys(body.exporterKey);
  if (!exporter) throw refused(`the exporter's key ${body.exporterKey} is unknown here.`);
  if (exporter.personKey !== body.exportedBy) {
    throw refused(`the key ${body.exporterKey} belongs to ${exporter.personKey}, not ${body.exportedBy}.`);
  }
  const signedPart = utf8.encode(`${BUNDLE_SIGNATURE_DOMAIN}${BUNDLE_MAGIC}\n${bodyText}\n`);
  if (!verifySignature(signedPart, Buffer.from(signatureHex, 'hex'), exporter.key)) {
    throw refused("the exporter's signature does not match its content.");
  }

  // Every cable's chain, against keys this database knows.
  const cables = body.cables.map((doc) => fromDocument(doc));
  const names = personNames(db);
  const highest = cables
    .map((c) => c.draft.classification)
    .reduce((a, b) => (classificationRank(b) > classificationRank(a) ? b : a));
  if (highest !== body.classification)
    throw refused(`its classification ${body.classification} is not the highest inside (${highest}).`);
  for (const c of cables) {
    const chain = checkChain(c, keys, names);
    if (chain.status !== 'VERIFIED') {
      const bad = chain.signatures.find((s) => !s.verified);
      throw refused(
        `${c.release.ref}: ${bad ? `${bad.role.toLowerCase()} ${bad.signer}: ${bad.problem ?? ''}` : chain.problems.join(' ')}`,
      );
    }
  }

  const who = actor ? { userId: actor.userId, login: actor.login } : { userId: null, login: null };
  const alreadyPresent: string[] = [];
  db.transaction(() => {
    for (const c of cables) {
      const existing = cableIdByRef(db, c.release.ref);
      if (existing !== undefined) {
        const [stored] = readSignedCables(db, existing, existing);
        if (stored && sameSignedCable(stored, c)) {
          alreadyPresent.push(c.release.ref);
          continue;
        }
        throw refused(`a different cable ${c.release.ref} already exists in this database.`);
      }
      let id: number;
      try {
        id = insertCable(db, releasedCableInput(c.draft, c.release));
      } catch (e) {
        throw refused(`${c.release.ref} does not fit this database: ${(e as Error).message}`);
      }
      insertCableSignatures(db, id, c.signatures);
      const [back] = readSignedCables(db, id, id);
      if (!back || !sameSignedCable(back, c)) throw refused(`${c.release.ref} does not read back as signed.`);
      audit.append({
        actor: who,
        action: 'IMPORT',
        cableId: id,
        detail: { channel: 'bundle', exportedBy: body.exportedBy, exportedAt: body.exportedAt },
      });
    }
  })();
  return {
    classification: body.classification,
    exportedBy: body.exportedBy,
    refs: cables.map((c) => c.release.ref),
    alreadyPresent,
  };
}

/** The same signed bytes and the same signatures. */
function sameSignedCable(a: SignedCable, b: SignedCable): boolean {
  const ma = chainMessages(a);
  const mb = chainMessages(b);
  return (
    ma.length === mb.length &&
    ma.every((m, i) => Buffer.compare(Buffer.from(m), Buffer.from(mb[i]!)) === 0) &&
    a.signatures.every(
      (s, i) => Buffer.compare(Buffer.from(s.signature), Buffer.from(b.signatures[i]!.signature)) === 0,
    )
  );
}

export type ExchangeService = Readonly<{
  /** A signed bundle of released cables the actor may see (audited EXPORT per cable). */
  exportBundle(actor: Actor, cableIds: ReadonlyArray<number>, passphrase: string): Promise<BundleExport>;
  /** Verifies and imports a bundle, all or nothing (audited IMPORT per cable). */
  importBundle(bytes: Uint8Array, actor: Actor | null): BundleSummary;
}>;

export function createExchangeService(db: Db, audit: AuditTrail): ExchangeService {
  return {
    async exportBundle(actor, cableIds, passphrase) {
      const { text, summary } = await exportBundle(db, audit, actor, cableIds, passphrase);
      const name =
        summary.refs.length === 1 ? summary.refs[0]! : `${summary.refs[0]!} and ${summary.refs.length - 1} more`;
      return { filename: `${name.replace(/[^A-Z0-9]+/gi, '-')}.cablebundle`, text, summary };
    },
    importBundle(bytes, actor) {
      return importBundle(db, audit, bytes, actor);
    },
  };
}
