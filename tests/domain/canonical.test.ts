import { createHash, createPublicKey, verify } from 'node:crypto';
import nacl from 'tweetnacl';
import { describe, expect, test } from 'vitest';
import {
  canonicalJson,
  encodeContent,
  signedContent,
  signedMessage,
  type SignatureHeader,
} from '../../electron/domain/canonical';
import { VECTOR_DRAFT } from './canonicalVectors';

/**
 * Golden vectors of the canonical encoding, version 1 (docs/CANONICAL_ENCODING.md lists the same
 * values). If one of these fails, the bytes that signatures cover have changed: every signature
 * ever made would stop verifying. Bump the version instead of editing a vector.
 */
const CONTENT_JSON =
  '{"addressees":[{"collective":null,"for":["ball","rusk"],"niact":false,"plad":"SECSTATE WASHDC","precedence":"IMMEDIATE","role":"ACTION"},{"collective":"ALL NATO CAPITALS","for":[],"niact":false,"plad":null,"precedence":"ROUTINE","role":"INFO"}],"approver":"finletter","captions":["EYES_ONLY"],"classAuthority":null,"classification":"SECRET","classificationReason":null,"clearers":[{"kind":"CLEAR","office":null,"person":"finletter"},{"kind":"INFO","office":{"code":"EUR","station":"SECSTATE WASHDC"},"person":null}],"dissem":[],"drafters":["duty-usro"],"eyesOnly":[{"person":"rusk"}],"fileRef":"740.5/10-2862","legacyEo":null,"originator":{"office":null,"plad":"USMISSION USNATO"},"paragraphs":[{"fyi":false,"n":1,"portion":"S","text":"Line one.\\nLine \\"two\\"\\tand a tab."},{"fyi":true,"n":2,"portion":"C","text":"FYI passage. End FYI."}],"passes":[{"by":"SECSTATE WASHDC","precedence":null,"to":"WHITE HOUSE WASHDC"}],"profile":"FRUS_1960S","references":[{"cable":"TOPOL 578","label":"A","text":"Topol 578"}],"relTo":[],"series":"POLTO","signature":"FINLETTER","subject":"Reply to Topol 578 — “Jupiter” ⟨vector⟩","summary":null,"tags":[],"v":1}';
const CONTENT_SHA256 = '041679c3c4aff773358d50dc973ec60040d9ddaea309d4679bccc59ec4ff3710';
const KEY_SEED = new Uint8Array(32).fill(7);
const PUBLIC_KEY = 'ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c';
const FINGERPRINT = 'fe812c12f3ab4ce6ac5db69ac352f906';
const DRAFTER_MESSAGE_SHA256 = '41a31269cfc1b7aa676df241917834d031b29d155705b8ca081f06faed5c0721';
const DRAFTER_SIGNATURE =
  'f06a428b3784757638a41f27a319b73463465ac6a227f6e336d73f80a00134b7ff34234517211ec68208cefea44cd2d0dd91c0e529e94e32ea2d8d8393f6140b';
const APPROVER_HEADER =
  'CABLEROOM-SIG-1\n{"clearance":null,"key":"fe812c12f3ab4ce6ac5db69ac352f906","release":{"dtg":"281015Z OCT 62","mrn":null,"ref":"POLTO 506","series":{"indicator":"POLTO","number":506}},"role":"APPROVER","signer":"finletter","v":1}\n';
const APPROVER_SIGNATURE =
  'e69fed5715c6087749b9c41fed4c4feed426d6e71301dcaad2ba018b39c2125b2a35c65a0826e27e289cfaaafb185b0e4b29f0292dd6221fbb9344dc9b76ba0d';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const keyPair = nacl.sign.keyPair.fromSeed(KEY_SEED);
const drafterHeader: SignatureHeader = {
  v: 1,
  role: 'DRAFTER',
  signer: 'duty-usro',
  key: FINGERPRINT,
  clearance: null,
  release: null,
};
const approverHeader: SignatureHeader = {
  v: 1,
  role: 'APPROVER',
  signer: 'finletter',
  key: FINGERPRINT,
  clearance: null,
  release: { ref: 'POLTO 506', dtg: '281015Z OCT 62', mrn: null, series: { indicator: 'POLTO', number: 506 } },
};

describe('canonical encoding v1: golden vectors', () => {
  test('the content of the vector draft encodes to the pinned JSON and hash', () => {
    expect(canonicalJson(signedContent(VECTOR_DRAFT))).toBe(CONTENT_JSON);
    expect(sha256(encodeContent(VECTOR_DRAFT))).toBe(CONTENT_SHA256);
  });

  test('the vector key, its fingerprint and the drafter and approver signatures are pinned', () => {
    expect(hex(keyPair.publicKey)).toBe(PUBLIC_KEY);
    expect(sha256(keyPair.publicKey).slice(0, 32)).toBe(FINGERPRINT);
    const drafter = signedMessage(drafterHeader, encodeContent(VECTOR_DRAFT));
    expect(sha256(drafter)).toBe(DRAFTER_MESSAGE_SHA256);
    expect(hex(nacl.sign.detached(drafter, keyPair.secretKey))).toBe(DRAFTER_SIGNATURE);
    const approver = signedMessage(approverHeader, encodeContent(VECTOR_DRAFT));
    expect(Buffer.from(approver.subarray(0, APPROVER_HEADER.length)).toString('utf8')).toBe(APPROVER_HEADER);
    expect(hex(nacl.sign.detached(approver, keyPair.secretKey))).toBe(APPROVER_SIGNATURE);
  });

  test("OpenSSL's Ed25519 (node:crypto) accepts tweetnacl's vector signatures", () => {
    const key = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(keyPair.publicKey)]),
      format: 'der',
      type: 'spki',
    });
    const message = signedMessage(drafterHeader, encodeContent(VECTOR_DRAFT));
    expect(verify(null, message, key, Buffer.from(DRAFTER_SIGNATURE, 'hex'))).toBe(true);
    message[message.length - 1] = message.at(-1)! ^ 1;
    expect(verify(null, message, key, Buffer.from(DRAFTER_SIGNATURE, 'hex'))).toBe(false);
  });
});

describe('canonical JSON', () => {
  test('sorts keys by code unit, drops undefined members, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], B: { d: undefined, c: -2 } })).toBe(
      '{"B":{"c":-2},"a":[true,null,"x"],"b":1}',
    );
  });

  test('refuses floats and unsafe integers, so no number has two spellings', () => {
    expect(() => canonicalJson({ n: 1.5 })).toThrow(/integers only/);
    expect(() => canonicalJson({ n: 2 ** 60 })).toThrow(/integers only/);
  });

  test('a draft and a copy with "for" persons reordered and repeated encode alike; any text change does not', () => {
    const reordered = {
      ...VECTOR_DRAFT,
      addressees: [{ ...VECTOR_DRAFT.addressees[0]!, for: ['rusk', 'ball'] }, VECTOR_DRAFT.addressees[1]!],
    };
    expect(hex(encodeContent(reordered))).toBe(hex(encodeContent(VECTOR_DRAFT)));
    const edited = { ...VECTOR_DRAFT, subject: `${VECTOR_DRAFT.subject} ` };
    expect(hex(encodeContent(edited))).not.toBe(hex(encodeContent(VECTOR_DRAFT)));
    // The drafter's working flag is not part of the signed cable.
    expect(hex(encodeContent({ ...VECTOR_DRAFT, niactJustified: false }))).toBe(hex(encodeContent(VECTOR_DRAFT)));
  });
});
