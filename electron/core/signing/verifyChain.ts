import type { KeyObject } from 'node:crypto';
import {
  clearanceName,
  encodeContent,
  signedMessage,
  type ReleaseHeader,
  type SignatureHeader,
} from '../../domain/canonical';
import type { ChainView, SignatureCheck } from '../../domain/chain';
import { verifySignature } from '../crypto/verify';
import type { ChainBytes } from './chainBytes';
import type { SignedCable, StoredSignature } from './signedCable';

/** A public key known to this database, by fingerprint, with the person it belongs to. */
export type KnownKey = Readonly<{ personKey: string; key: KeyObject }>;
export type KeyLookup = (fingerprint: string) => KnownKey | null;

/** The header a stored signature was made with; only the approver's covers the release. */
export function signatureHeader(
  s: Omit<StoredSignature, 'signature' | 'signedAt'>,
  release: ReleaseHeader,
): SignatureHeader {
  return {
    v: 1,
    role: s.role,
    signer: s.signer,
    key: s.key,
    clearance: s.clearance,
    release: s.role === 'APPROVER' ? release : null,
  };
}

/** The exact bytes each signature of the chain covers, in chain order (content encoded once). */
export function chainMessages(sc: SignedCable): Uint8Array[] {
  const content = encodeContent(sc.draft);
  return sc.signatures.map((s) => signedMessage(signatureHeader(s, sc.release), content));
}

/** What the structural checks of a chain read: the draft's signers and the signatures. */
export type ChainStructure = Readonly<{
  draft: Pick<SignedCable['draft'], 'drafters' | 'clearers' | 'approver'>;
  signatures: ReadonlyArray<StoredSignature>;
}>;

/**
 * What the chain must hold (rule 23): the drafter's signature, one per required clearance
 * (CLEAR and SUBST; INFO clearers are informed, not asked), and the approver's, last.
 */
export function chainProblems(sc: ChainStructure): string[] {
  const { draft, signatures } = sc;
  const problems: string[] = [];
  // Only cables the trail never recorded as signed may be unsigned (issue 13 item 5).
  if (signatures.length === 0) {
    problems.push('This cable was released signed, but its signatures have been removed from the database.');
  }
  const drafter = signatures.filter((s) => s.role === 'DRAFTER');
  if (drafter.length !== 1 || drafter[0]!.signer !== draft.drafters[0]) {
    problems.push(`The drafter's signature (${draft.drafters[0] ?? 'none named'}) is missing or not the drafter's.`);
  }
  const clearances = new Map(draft.clearers.map((c) => [clearanceName(c), c]));
  for (const [name, c] of clearances) {
    const signed = signatures.filter((s) => s.role === 'CLEARER' && s.clearance?.for === name);
    if (c.kind !== 'INFO' && signed.length !== 1) problems.push(`The clearance by ${name} is not signed.`);
    if (signed.some((s) => s.clearance?.kind !== c.kind))
      problems.push(`The clearance by ${name} was signed as another kind.`);
    if (c.person && signed.some((s) => s.signer !== c.person))
      problems.push(`The clearance by ${name} was signed by someone else.`);
  }
  for (const s of signatures) {
    if (s.role === 'CLEARER' && !clearances.has(s.clearance?.for ?? '')) {
      problems.push(`A clearance signature names ${s.clearance?.for ?? 'nothing'}, which the cable does not list.`);
    }
  }
  const last = signatures.at(-1);
  const approvers = signatures.filter((s) => s.role === 'APPROVER');
  if (approvers.length !== 1 || last?.role !== 'APPROVER' || last.signer !== draft.approver) {
    problems.push(`The approver's signature (${draft.approver ?? 'none named'}) is missing or not last.`);
  }
  return problems;
}

/** One signature against the known keys: the key must exist and belong to the signer. */
export function checkSignature(
  s: StoredSignature,
  message: Uint8Array,
  keys: KeyLookup,
  verify: Verifier = verifySignature,
): string | null {
  const known = keys(s.key);
  if (!known) return `unknown key ${s.key}`;
  if (known.personKey !== s.signer) return `key ${s.key} belongs to ${known.personKey}, not ${s.signer}`;
  return verify(message, s.signature, known.key) ? null : 'the signature does not match the cable as stored';
}

export type Verifier = (message: Uint8Array, signature: Uint8Array, key: KeyObject) => boolean;

/** Verifies a whole chain on this thread (bundles, the classroom's documents; tests). */
export function checkChain(
  sc: SignedCable,
  keys: KeyLookup,
  nameOf: (personKey: string) => string,
  verify: Verifier = verifySignature,
): ChainView {
  return checkMessages(sc, chainMessages(sc), keys, nameOf, verify);
}

/**
 * Verifies a chain as the store holds it (`readOneChain`: the signed bytes SQLite writes) on this
 * thread: `show`, print and export, the CLI. The same decisions as `checkChain`.
 */
export function checkChainBytes(
  signed: ChainBytes,
  keys: KeyLookup,
  nameOf: (personKey: string) => string,
  verify: Verifier = verifySignature,
): ChainView {
  const content = Buffer.from(signed.content);
  const messages = signed.signatures.map((s) => Buffer.concat([Buffer.from(s.head), content]));
  return checkMessages(signed, messages, keys, nameOf, verify);
}

/** Each signature of the chain against its message (in chain order), then the chain's verdict. */
function checkMessages(
  chain: ChainStructure,
  messages: ReadonlyArray<Uint8Array>,
  keys: KeyLookup,
  nameOf: (personKey: string) => string,
  verify: Verifier,
): ChainView {
  return chainView(
    chain,
    chain.signatures.map((s, i) => chainEntry(s, nameOf, checkSignature(s, messages[i]!, keys, verify))),
  );
}

/** The verdict on a chain whose signatures have been checked: VERIFIED only if nothing failed. */
export function chainView(structure: ChainStructure, signatures: SignatureCheck[]): ChainView {
  const problems = chainProblems(structure);
  return {
    status: problems.length === 0 && signatures.every((s) => s.verified) ? 'VERIFIED' : 'TAMPERED',
    signatures,
    problems,
  };
}

export function chainEntry(
  s: StoredSignature,
  nameOf: (personKey: string) => string,
  problem: string | null,
): SignatureCheck {
  return {
    role: s.role,
    signer: s.signer,
    signerName: nameOf(s.signer),
    clearance: s.clearance,
    key: s.key,
    signedAt: s.signedAt,
    verified: problem === null,
    problem,
  };
}
