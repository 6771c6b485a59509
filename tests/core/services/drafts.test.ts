import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { verifyOneCable } from '../../../electron/core/signing/bulkVerify';
import type { Draft, DraftView } from '../../../electron/domain/draft';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

const core = seededCoreFixture();
const EXAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

function actors(c: SeededCore) {
  const as = (login: string) => c.users.byLogin(login);
  return {
    duty: as('duty-usro'),
    finletter: as('finletter'),
    rusk: as('rusk'),
    trainee: as('trainee'),
    instructor: as('instructor'),
  };
}

/** duty-usro's POLTO reply, saved from the documented example. */
function drafted(c: SeededCore): DraftView {
  const { duty } = actors(c);
  const created = c.drafts.create(duty, {});
  return c.drafts.save(duty, created.id, created.revision, EXAMPLE);
}

const auditActions = (c: SeededCore): string[] =>
  c.db
    .prepare(
      "SELECT action FROM audit_log WHERE action IN ('DRAFT','SIGN','SIGN_FAILED','CLEAR','REFUSE','APPROVE','RELEASE','DOWNGRADE') ORDER BY seq",
    )
    .pluck()
    .all() as string[];

describe('the drafting desk: draft, sign, clear, approve, release (rule 23)', () => {
  test('duty-usro drafts, finletter clears and approves; the POLTO is released, delivered and verifies', async () => {
    const c = core();
    const { duty, finletter, rusk } = actors(c);
    let d = drafted(c);
    expect(d.findings).toEqual([]);
    expect(d.state).toBe('DRAFTING');

    await expect(c.drafts.submit(duty, d.id, d.revision, 'not the passphrase')).rejects.toThrow(
      expect.objectContaining({ code: 'WRONG_PASSPHRASE' }) as Error,
    );
    expect(c.db.prepare('SELECT count(*) FROM draft_signatures').pluck().get()).toBe(0);

    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    expect(d.state).toBe('IN_CLEARANCE');
    expect(c.drafts.list(finletter).find((s) => s.id === d.id)?.waitingForMe).toBe(true);
    expect(c.drafts.get(finletter, d.id).chain.find((s) => s.role === 'CLEARER')?.mine).toBe(true);

    await expect(c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(
      /waiting for approval/,
    );
    d = await c.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
    expect(d.state).toBe('AWAITING_APPROVAL');
    d = await c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
    expect(d.state).toBe('RELEASED');
    expect(d.releasedRef).toBe('POLTO 507');
    expect(d.chain.map((s) => [s.role, s.status, s.by])).toEqual([
      ['DRAFTER', 'SIGNED', 'duty-usro'],
      ['CLEARER', 'SIGNED', 'finletter'],
      ['APPROVER', 'SIGNED', 'finletter'],
    ]);

    const cableId = d.releasedCableId!;
    const chain = verifyOneCable(c.db, cableId)!;
    expect(chain.status).toBe('VERIFIED');
    expect(chain.signatures.map((s) => [s.role, s.signer])).toEqual([
      ['DRAFTER', 'duty-usro'],
      ['CLEARER', 'finletter'],
      ['APPROVER', 'finletter'],
    ]);
    // Delivered to the Department; Rusk (Eyes Only) reads it with its verified chain.
    const inbox = c.inbox.list(rusk, { limit: 50 });
    expect(inbox.rows.map((r) => r.ref)).toContain('POLTO 507');
    const view = c.cables.show(rusk, cableId, 'test');
    expect(view.classification).toBe('SECRET');
    expect(view.chain?.status).toBe('VERIFIED');
    expect(view.dtg).toMatch(/^\d{6}Z [A-Z]{3} \d{4}$/);
    expect(auditActions(c)).toEqual(['DRAFT', 'SIGN_FAILED', 'SIGN', 'CLEAR', 'APPROVE', 'RELEASE']);
  });

  test('an edit after clearance voids every signature and returns the draft to the drafter', async () => {
    const c = core();
    const { duty, finletter } = actors(c);
    let d = drafted(c);
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    d = await c.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
    expect(d.state).toBe('AWAITING_APPROVAL');
    const edited = {
      ...d.draft,
      paragraphs: d.draft.paragraphs.map((p, i) => (i === 1 ? { ...p, text: `${p.text} Also.` } : p)),
    };
    const after = c.drafts.save(duty, d.id, d.revision, edited);
    expect(after.state).toBe('DRAFTING');
    expect(after.revision).toBe(d.revision + 1);
    expect(after.returnedNote).toMatch(/2 signature\(s\) voided/);
    expect(after.chain.every((s) => s.status === 'PENDING')).toBe(true);
    await expect(c.drafts.approve(finletter, d.id, after.revision, SEED_PASSPHRASE)).rejects.toThrow(
      /not waiting for approval/,
    );
    // A stale editor is told, not silently overwritten.
    expect(() => c.drafts.save(duty, d.id, d.revision, EXAMPLE)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }) as Error,
    );
  });

  test('a refused clearance returns the draft with the comment; only the named clearer may act', async () => {
    const c = core();
    const { duty, finletter, rusk } = actors(c);
    let d = drafted(c);
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    await expect(c.drafts.clear(rusk, d.id, d.revision, 0, SEED_PASSPHRASE)).rejects.toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    expect(() => c.drafts.refuse(finletter, d.id, d.revision, 0, '  ')).toThrow(/Say why/);
    d = c.drafts.refuse(finletter, d.id, d.revision, 0, 'Paragraph 2 promises too much.');
    expect(d.state).toBe('DRAFTING');
    expect(d.returnedNote).toMatch(/Paragraph 2 promises too much/);
    expect(d.chain.find((s) => s.role === 'CLEARER')?.status).toBe('REFUSED');
    expect(auditActions(c)).toContain('REFUSE');
    // Signed again without an edit: the clearer is asked again, the refusal no longer shows as the answer.
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    expect(d.chain.find((s) => s.role === 'CLEARER')).toMatchObject({ status: 'PENDING', mine: false });
    expect(c.drafts.get(finletter, d.id).chain.find((s) => s.role === 'CLEARER')?.mine).toBe(true);
    // Instructors see every draft on their desk.
    expect(c.drafts.list(c.users.byLogin('instructor')).map((s) => s.id)).toContain(d.id);
    expect(c.drafts.list(rusk).map((s) => s.id)).not.toContain(d.id);
  });

  test('rule errors block signing; others may not edit, approve or read the draft', async () => {
    const c = core();
    const { duty, finletter, trainee } = actors(c);
    const created = c.drafts.create(duty, {});
    const d = c.drafts.save(duty, created.id, created.revision, { ...EXAMPLE, classification: 'CONFIDENTIAL' });
    expect(d.findings.some((f) => f.rule === 1 && f.severity === 'error')).toBe(true);
    expect(d.findings.some((f) => f.rule === 19 && f.severity === 'error')).toBe(true);
    await expect(c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE)).rejects.toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATION' }) as Error,
    );
    expect(() => c.drafts.save(finletter, d.id, d.revision, EXAMPLE)).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    expect(() => c.drafts.get(trainee, d.id)).toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error);
    expect(() => c.drafts.save(duty, d.id, d.revision, { ...EXAMPLE, paragraphs: 'x' })).toThrow(/not well formed/);
  });

  test('a reply starts from the source: reference, label and captions (no write-down, rule 19)', () => {
    const c = core();
    const { finletter, duty } = actors(c);
    const topol = c.cables.idByRef('TOPOL 578');
    const reply = c.drafts.create(finletter, { replyTo: topol });
    // Issue 14 item 5: the REF line as the era wrote it, a real subject (the stored one is the FRUS
    // editors' heading) and the series of USRO's telegrams to the Department.
    expect(reply.draft.references).toEqual([{ label: 'A', text: 'Topol 578', cable: 'TOPOL 578' }]);
    expect(reply.draft.subject).toBe('Reply to Topol 578');
    expect(reply.draft.series).toBe('POLTO');
    expect(reply.draft.classification).toBe('SECRET');
    expect(reply.draft.captions).toEqual(['EYES_ONLY']);
    expect(reply.draft.addressees[0]?.plad).toBe('SECSTATE WASHDC');
    expect(() => c.drafts.create(duty, { replyTo: topol })).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
  });

  test('a downgrade below a referenced label needs an instructor, with a reason, and is audited', () => {
    const c = core();
    const { duty, instructor, trainee } = actors(c);
    const created = c.drafts.create(duty, {});
    const below = {
      ...EXAMPLE,
      classification: 'CONFIDENTIAL' as const,
      captions: [],
      eyesOnly: [],
      paragraphs: EXAMPLE.paragraphs.map((p) => ({ ...p, portion: 'C' as const })),
    };
    const d = c.drafts.save(duty, created.id, created.revision, below);
    expect(d.findings.filter((f) => f.rule === 19)).not.toEqual([]);
    expect(() => c.drafts.authorizeDowngrade(trainee, d.id, 'because')).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    const allowed = c.drafts.authorizeDowngrade(instructor, d.id, 'Sanitised paraphrase for the exercise');
    expect(allowed.downgrade).toEqual({ by: 'instructor', reason: 'Sanitised paraphrase for the exercise' });
    expect(c.drafts.get(duty, d.id).findings.filter((f) => f.rule === 19 && f.severity === 'error')).toEqual([]);
    expect(auditActions(c)).toContain('DOWNGRADE');
  });

  test('check() reports a malformed document as findings instead of failing', () => {
    const c = core();
    expect(c.drafts.check(EXAMPLE)).toEqual([]);
    const findings = c.drafts.check({ profile: 'FRUS_1960S' });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ rule: 0, severity: 'error' });
  });
});
