import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { verifyOneCable } from '../../../electron/core/signing/bulkVerify';
import type { Actor } from '../../../electron/core/services/actor';
import type { Draft, DraftView } from '../../../electron/domain/draft';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

/**
 * Release authority (issue 13 items 1–3; DOMAIN.md rules 18, 20, 23, 24): who may originate,
 * draft, clear, approve and sign a cable, enforced in core with an audited refusal, and drafts
 * readable only within the reader's clearance whatever the reader's role.
 */
const core = seededCoreFixture();
const EXAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

const as = (c: SeededCore, login: string): Actor => c.users.byLogin(login);

/** A draft owned by `login` with `draft` saved into it. */
function drafted(c: SeededCore, login: string, draft: Draft): DraftView {
  const created = c.drafts.create(as(c, login), {});
  return c.drafts.save(as(c, login), created.id, created.revision, draft);
}

/** The DENY entries of the audit trail, oldest first, as `login what reason`. */
const denials = (c: SeededCore): string[] =>
  c.audit
    .list({ action: 'DENY', limit: 100 })
    .reverse()
    .map((e) => `${e.actorLogin} ${String(e.detail.what)} ${String(e.detail.reason)}`);

const cableCount = (c: SeededCore): number => c.db.prepare('SELECT count(*) FROM cables').pluck().get() as number;
const releases = (c: SeededCore): number =>
  c.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'RELEASE'").pluck().get() as number;

const code = (expected: string) => expect.objectContaining({ code: expected }) as Error;

/** Sets a user's clearance in the file, as an admin's account change would. */
function setClearance(c: SeededCore, login: string, clearance: string, role?: string): void {
  c.db
    .prepare('UPDATE users SET clearance = ?, role = coalesce(?, role) WHERE login = ?')
    .run(clearance, role ?? null, login);
}

/** The forgery: a CONFIDENTIAL trainee writes a TOP SECRET NODIS FLASH "FM SECSTATE WASHDC" signed RUSK. */
const FORGED: Draft = {
  ...EXAMPLE,
  originator: { plad: 'SECSTATE WASHDC' },
  series: null,
  classification: 'TOP_SECRET',
  captions: ['NODIS'],
  eyesOnly: [],
  references: [],
  addressees: [{ plad: 'USMISSION USNATO', role: 'ACTION', precedence: 'FLASH', niact: false, for: [] }],
  paragraphs: [{ n: null, portion: 'TS', fyi: false, text: 'Withdraw the Jupiters from Turkey at once.' }],
  drafters: ['trainee'],
  clearers: [],
  approver: 'trainee',
  signature: 'RUSK',
};

describe('release authority (issue 13 item 1)', () => {
  test('the trainee’s forged TOP SECRET NODIS FLASH from SECSTATE signed RUSK is refused at each point, audited, never released', async () => {
    const c = core();
    const trainee = as(c, 'trainee');
    const before = cableCount(c);
    let d = drafted(c, 'trainee', FORGED);
    // The composer shows each problem beside its field before anyone tries to sign.
    expect(d.findings.filter((f) => f.severity === 'error').map((f) => f.field)).toEqual(
      expect.arrayContaining(['originator', 'classification', 'approver', 'signature']),
    );

    // Each point, one at a time: every refusal names its reason and is audited.
    await expect(c.drafts.submit(trainee, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(code('ACCESS_DENIED'));
    d = c.drafts.save(trainee, d.id, d.revision, { ...FORGED, originator: { plad: 'USMISSION USNATO' } });
    await expect(c.drafts.submit(trainee, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(
      /clearance \(CONFIDENTIAL\) does not reach/,
    );
    d = c.drafts.save(trainee, d.id, d.revision, {
      ...d.draft,
      classification: 'CONFIDENTIAL',
      paragraphs: [{ n: null, portion: 'C', fyi: false, text: 'Withdraw the Jupiters from Turkey at once.' }],
    });
    await expect(c.drafts.submit(trainee, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(/approval authority/);
    d = c.drafts.save(trainee, d.id, d.revision, { ...d.draft, approver: 'finletter' });
    await expect(c.drafts.submit(trainee, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATION', message: expect.stringMatching(/RUSK.*Finletter/) }) as Error,
    );
    expect(denials(c)).toEqual([
      'trainee submit ORIGINATOR',
      'trainee submit CLEARANCE',
      'trainee submit APPROVAL_AUTHORITY',
      'trainee submit SIGNATURE',
    ]);

    // The approval point, reached by editing the file: the draft as forged, put in front of the approver.
    c.db
      .prepare("UPDATE drafts SET state = 'AWAITING_APPROVAL', body = ? WHERE id = ?")
      .run(JSON.stringify(FORGED), d.id);
    const forged = c.drafts.get(trainee, d.id);
    await expect(c.drafts.approve(trainee, d.id, forged.revision, SEED_PASSPHRASE)).rejects.toThrow(
      code('ACCESS_DENIED'),
    );
    expect(denials(c).at(-1)).toBe('trainee approve APPROVAL_AUTHORITY');
    expect(cableCount(c)).toBe(before);
    expect(releases(c)).toBe(0);
    expect(c.db.prepare('SELECT cable_id FROM drafts WHERE id = ?').pluck().get(d.id)).toBeNull();
  });

  test('the originator is the drafter’s own post, or an office of it', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    const other = drafted(c, 'duty-usro', { ...EXAMPLE, originator: { plad: 'AMEMBASSY PARIS' } });
    await expect(c.drafts.submit(duty, other.id, other.revision, SEED_PASSPHRASE)).rejects.toThrow(
      code('ACCESS_DENIED'),
    );
    const foreignOffice = drafted(c, 'duty-usro', {
      ...EXAMPLE,
      originator: { plad: 'USMISSION USNATO', office: 'EUR' },
    });
    await expect(c.drafts.submit(duty, foreignOffice.id, foreignOffice.revision, SEED_PASSPHRASE)).rejects.toThrow(
      code('ACCESS_DENIED'),
    );
    const ownOffice = drafted(c, 'duty-usro', { ...EXAMPLE, originator: { plad: 'USMISSION USNATO', office: 'POL' } });
    expect((await c.drafts.submit(duty, ownOffice.id, ownOffice.revision, SEED_PASSPHRASE)).state).toBe('IN_CLEARANCE');
    expect(denials(c)).toEqual(['duty-usro submit ORIGINATOR', 'duty-usro submit ORIGINATOR']);
  });

  test('the drafter’s clearance must dominate the categories too: NOFORN is refused to a foreign national', async () => {
    const c = core();
    const liaison = as(c, 'liaison');
    const d = drafted(c, 'liaison', { ...EXAMPLE, dissem: ['NOFORN'], drafters: ['liaison'] });
    await expect(c.drafts.submit(liaison, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(code('ACCESS_DENIED'));
    expect(denials(c)).toEqual(['liaison submit CLEARANCE']);
  });

  test('every clearer must hold a clearance that dominates the label: a foreign national of the clearing office may not clear NOFORN', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    let d = drafted(c, 'duty-usro', {
      ...EXAMPLE,
      dissem: ['NOFORN'],
      clearers: [{ office: { station: 'USMISSION USNATO', code: 'POL' }, kind: 'CLEAR' }],
    });
    expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    await expect(c.drafts.clear(as(c, 'liaison'), d.id, d.revision, 0, SEED_PASSPHRASE)).rejects.toThrow(
      code('ACCESS_DENIED'),
    );
    expect(() => c.drafts.refuse(as(c, 'liaison'), d.id, d.revision, 0, 'No.')).toThrow(code('ACCESS_DENIED'));
    expect(c.db.prepare("SELECT count(*) FROM draft_signatures WHERE role = 'CLEARER'").pluck().get()).toBe(0);
    expect(denials(c).every((e) => e.startsWith('liaison '))).toBe(true);
    expect(denials(c)).toHaveLength(2);
  });

  test('the approver’s clearance is checked when approving: a principal whose clearance fell below the label may not release', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    let d = drafted(c, 'duty-usro', EXAMPLE);
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    d = await c.drafts.clear(as(c, 'finletter'), d.id, d.revision, 0, SEED_PASSPHRASE);
    setClearance(c, 'finletter', 'CONFIDENTIAL');
    await expect(c.drafts.approve(as(c, 'finletter'), d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(
      code('ACCESS_DENIED'),
    );
    expect(denials(c).at(-1)).toBe('finletter approve CLEARANCE');
    expect(releases(c)).toBe(0);
  });

  test('a named approver without authority at the originating post is refused when the drafter signs', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    // Rusk is a principal, but of the Department, not of USRO.
    const rusk = drafted(c, 'duty-usro', { ...EXAMPLE, approver: 'rusk', signature: 'RUSK' });
    await expect(c.drafts.submit(duty, rusk.id, rusk.revision, SEED_PASSPHRASE)).rejects.toThrow(/approval authority/);
    // The duty officer may not approve his own cable until the principal designates him.
    const self = drafted(c, 'duty-usro', { ...EXAMPLE, approver: 'duty-usro', signature: 'DUTY OFFICER' });
    await expect(c.drafts.submit(duty, self.id, self.revision, SEED_PASSPHRASE)).rejects.toThrow(code('ACCESS_DENIED'));
    expect(denials(c)).toEqual(['duty-usro submit APPROVAL_AUTHORITY', 'duty-usro submit APPROVAL_AUTHORITY']);
  });

  test('"Drafted and approved by": an officer the principal designated drafts, approves and releases; a revoked designation stops the release', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    const finletter = as(c, 'finletter');
    c.drafts.setApprovalAuthority(finletter, 'duty-usro', 'DESIGNATED');
    const self: Draft = { ...EXAMPLE, approver: 'duty-usro', signature: 'DUTY OFFICER' };

    let d = drafted(c, 'duty-usro', self);
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    d = await c.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
    d = await c.drafts.approve(duty, d.id, d.revision, SEED_PASSPHRASE);
    expect(d.state).toBe('RELEASED');
    const chain = verifyOneCable(c.db, d.releasedCableId!)!;
    expect(chain.status).toBe('VERIFIED');
    expect(chain.signatures.map((s) => [s.role, s.signer])).toEqual([
      ['DRAFTER', 'duty-usro'],
      ['CLEARER', 'finletter'],
      ['APPROVER', 'duty-usro'],
    ]);

    // Designated at submission, revoked before approval: the release is refused.
    let e = drafted(c, 'duty-usro', self);
    e = await c.drafts.submit(duty, e.id, e.revision, SEED_PASSPHRASE);
    e = await c.drafts.clear(finletter, e.id, e.revision, 0, SEED_PASSPHRASE);
    c.drafts.setApprovalAuthority(finletter, 'duty-usro', null);
    await expect(c.drafts.approve(duty, e.id, e.revision, SEED_PASSPHRASE)).rejects.toThrow(code('ACCESS_DENIED'));
    expect(denials(c)).toEqual(['duty-usro approve APPROVAL_AUTHORITY']);
    expect(c.audit.list({ action: 'DESIGNATE', limit: 5 }).map((x) => x.detail)).toEqual([
      { what: 'approval authority', login: 'duty-usro', authority: null },
      { what: 'approval authority', login: 'duty-usro', authority: 'DESIGNATED' },
    ]);
  });

  test('a deputy holds approval authority at the post', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    c.drafts.setApprovalAuthority(as(c, 'instructor'), 'duty-usro', 'DEPUTY');
    let d = drafted(c, 'duty-usro', { ...EXAMPLE, approver: 'duty-usro', signature: 'DUTY OFFICER' });
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    d = await c.drafts.clear(as(c, 'finletter'), d.id, d.revision, 0, SEED_PASSPHRASE);
    expect((await c.drafts.approve(duty, d.id, d.revision, SEED_PASSPHRASE)).state).toBe('RELEASED');
  });

  test('trainees never approve; only the post’s principal (or an instructor) designates, and only officers of that post', async () => {
    const c = core();
    const finletter = as(c, 'finletter');
    expect(() => c.drafts.setApprovalAuthority(finletter, 'trainee', 'DESIGNATED')).toThrow(code('BAD_REQUEST'));
    expect(() => c.drafts.setApprovalAuthority(finletter, 'ball', 'DESIGNATED')).toThrow(code('ACCESS_DENIED'));
    expect(() => c.drafts.setApprovalAuthority(as(c, 'duty-usro'), 'duty-usro', 'DESIGNATED')).toThrow(
      code('ACCESS_DENIED'),
    );
    expect(denials(c)).toEqual([
      'finletter approval authority TRAINEE',
      'finletter approval authority OTHER_POST',
      'duty-usro approval authority NOT_PRINCIPAL',
    ]);
    // Written into the file by hand, a trainee's designation still does not let the trainee approve.
    c.db
      .prepare(
        `INSERT INTO approval_authority (person_id, station_id, kind, designated_by_user_id, designated_at)
         SELECT u.person_id, p.station_id, 'DESIGNATED', u.id, '2026-01-01T00:00:00Z'
           FROM users u JOIN people p ON p.id = u.person_id WHERE u.login = 'trainee'`,
      )
      .run();
    const trainee = as(c, 'trainee');
    const own: Draft = {
      ...EXAMPLE,
      classification: 'CONFIDENTIAL',
      captions: [],
      eyesOnly: [],
      references: [],
      paragraphs: EXAMPLE.paragraphs.map((p) => ({ ...p, portion: 'C' as const })),
      drafters: ['trainee'],
      clearers: [],
      approver: 'trainee',
      signature: 'TRAINEE',
    };
    const d = drafted(c, 'trainee', own);
    await expect(c.drafts.submit(trainee, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(/Trainees never approve/);
  });
});

describe('drafts are read only within the reader’s clearance, whatever the role (issue 13 item 2)', () => {
  for (const role of ['instructor', 'admin'] as const) {
    test(`an ${role} cleared CONFIDENTIAL neither lists nor opens a SECRET draft; the refusal is audited`, () => {
      const c = core();
      const d = drafted(c, 'duty-usro', EXAMPLE);
      setClearance(c, 'instructor', 'CONFIDENTIAL', role);
      const overseer = as(c, 'instructor');
      expect(c.drafts.list(overseer).map((s) => s.id)).not.toContain(d.id);
      expect(() => c.drafts.get(overseer, d.id)).toThrow(code('ACCESS_DENIED'));
      expect(denials(c)).toEqual(['instructor read CLEARANCE']);
      // Cleared again, the overseer sees every draft.
      setClearance(c, 'instructor', 'TOP_SECRET');
      expect(c.drafts.get(as(c, 'instructor'), d.id).id).toBe(d.id);
    });
  }

  test('a foreign national cleared SECRET does not read a NOFORN draft, even as its clearer', () => {
    const c = core();
    const d = drafted(c, 'duty-usro', {
      ...EXAMPLE,
      dissem: ['NOFORN'],
      clearers: [{ office: { station: 'USMISSION USNATO', code: 'POL' }, kind: 'CLEAR' }],
    });
    expect(() => c.drafts.get(as(c, 'liaison'), d.id)).toThrow(code('ACCESS_DENIED'));
    expect(c.drafts.list(as(c, 'liaison')).map((s) => s.id)).not.toContain(d.id);
  });
});

describe('every refusal is audited (issue 13 item 3)', () => {
  test('submit, save, refuse and discard by someone else are refused with a DENY entry each', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    const rusk = as(c, 'rusk');
    let d = drafted(c, 'duty-usro', EXAMPLE);
    await expect(c.drafts.submit(rusk, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(code('ACCESS_DENIED'));
    expect(() => c.drafts.save(rusk, d.id, d.revision, EXAMPLE)).toThrow(code('ACCESS_DENIED'));
    expect(() => c.drafts.discard(rusk, d.id)).toThrow(code('ACCESS_DENIED'));
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    expect(() => c.drafts.refuse(as(c, 'ss-officer'), d.id, d.revision, 0, 'Not mine to clear.')).toThrow(
      code('ACCESS_DENIED'),
    );
    await expect(c.drafts.approve(as(c, 'ss-officer'), d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(
      code('ACCESS_DENIED'),
    );
    // The approver reads the draft but is not the clearer of an office's line.
    let o = drafted(c, 'duty-usro', {
      ...EXAMPLE,
      clearers: [{ office: { station: 'USMISSION USNATO', code: 'POL' }, kind: 'CLEAR' }],
    });
    o = await c.drafts.submit(duty, o.id, o.revision, SEED_PASSPHRASE);
    expect(() => c.drafts.refuse(as(c, 'finletter'), o.id, o.revision, 0, 'Not my line.')).toThrow(
      code('ACCESS_DENIED'),
    );
    expect(denials(c)).toEqual([
      'rusk submit NOT_DRAFTER',
      'rusk edit NOT_DRAFTER',
      'rusk discard NOT_DRAFTER',
      'ss-officer refuse NOT_IN_CHAIN',
      'ss-officer approve NOT_IN_CHAIN',
      'finletter refuse NOT_CLEARER',
    ]);
    expect(c.audit.verify().ok).toBe(true);
  });

  test('the owner may not sign as someone else named first among the drafters: refused and audited', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    const d = drafted(c, 'duty-usro', { ...EXAMPLE, drafters: ['finletter', 'duty-usro'] });
    await expect(c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(/first drafter named/);
    expect(denials(c)).toEqual(['duty-usro submit NOT_FIRST_DRAFTER']);
    expect(c.db.prepare('SELECT count(*) FROM draft_signatures').pluck().get()).toBe(0);
  });

  test('a reply to a cable that does not exist is NOT_FOUND, and the audit trail stays whole', () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    expect(() => c.drafts.create(duty, { replyTo: 987654 })).toThrow(code('NOT_FOUND'));
    expect(c.db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
    expect(c.audit.verify().ok).toBe(true);
    // A cable that exists but may not be read is still refused and audited.
    expect(() => c.drafts.create(duty, { replyTo: c.cables.idByRef('TOPOL 578') })).toThrow(code('ACCESS_DENIED'));
    expect(denials(c)).toEqual([expect.stringMatching(/^duty-usro reply [A-Z_]+$/)]);
  });
});
