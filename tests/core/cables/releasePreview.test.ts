import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONTRACT } from '../../../electron/contract/ipc';
import type { PushEvent } from '../../../electron/contract/push';
import { draftPreview, previewRelease } from '../../../electron/core/cables/releasePreview';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import type { CableView } from '../../../electron/domain/cable';
import type { Draft, DraftView } from '../../../electron/domain/draft';
import { DTG_PATTERN } from '../../../electron/domain/dtg';
import { createIpcRouter, type Sender } from '../../../electron/main/router';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

/**
 * The release preview (issue 14 item 5; core/cables/releasePreview.ts): the cable a draft would be
 * if released now, from release's own steps in a transaction that is rolled back. It must equal
 * what the release then writes, leave nothing behind (no cable, no delivery, no number used, no
 * push), refuse in the writer's words what release would refuse, and be shown only to those who
 * may open the draft.
 */
const core = seededCoreFixture();
const EXAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

const as = (c: SeededCore, login: string) => c.users.byLogin(login);

/** duty-usro's POLTO reply to TOPOL 578 (the documented example), saved. */
function drafted(c: SeededCore, draft: Draft = EXAMPLE): DraftView {
  const duty = as(c, 'duty-usro');
  const created = c.drafts.create(duty, {});
  return c.drafts.save(duty, created.id, created.revision, draft);
}

const counts = (c: SeededCore) =>
  c.db
    .prepare(
      'SELECT (SELECT count(*) FROM cables) AS cables, (SELECT count(*) FROM deliveries) AS deliveries, (SELECT count(*) FROM cable_search) AS indexed',
    )
    .get() as { cables: number; deliveries: number; indexed: number };

/** What the preview and the released cable share: all but the id, the time and the chain. */
function text(v: CableView) {
  const { id: _id, dtg: _dtg, sentAt: _sentAt, chain: _chain, references, ...rest } = v;
  return { ...rest, references: references.map((r) => ({ label: r.label, text: r.text })) };
}

describe('the cable a draft would be', () => {
  test('duty-usro’s POLTO: its header, routing, banner, portion marks and drafting block, as release writes them', () => {
    const c = core();
    const d = drafted(c);
    const before = counts(c);
    const preview = draftPreview(c, as(c, 'duty-usro'), d.id);
    expect(preview).toMatchObject({ draftId: d.id, revision: d.revision, refusal: null });
    const cable = preview.cable!;
    expect(cable).toMatchObject({
      id: 0,
      ref: 'POLTO 507',
      series: 'POLTO',
      serial: 507,
      classification: 'SECRET',
      banner: 'SECRET',
      captions: ['EYES ONLY'],
      precedence: 'IMMEDIATE',
      from: { plad: 'USMISSION USNATO' },
      action: [{ plad: 'SECSTATE WASHDC', precedence: 'IMMEDIATE', serial: 'POLTO 507' }],
      eyesOnlyFor: ['Rusk'],
      subject: EXAMPLE.subject,
      fileRef: '740.5/10-2862',
      references: [{ label: 'A', text: 'Topol 578', target: null }],
      signedBy: 'FINLETTER',
      chain: null,
    });
    expect(cable.dtg).toMatch(DTG_PATTERN);
    expect(cable.paragraphs.map((p) => [p.n, p.portion])).toEqual(EXAMPLE.paragraphs.map((p) => [p.n, p.portion]));
    expect(cable.draftedBy).toEqual(['USRO Duty Officer']);
    expect(cable.approvedBy).toEqual(['Finletter']);
    // Nothing stays: no cable, delivery or search entry, and the series number is still free.
    expect(counts(c)).toEqual(before);
    expect(() => c.cables.idByRef('POLTO 507')).toThrow(/No cable "POLTO 507"/);
    expect(draftPreview(c, as(c, 'duty-usro'), d.id).cable?.ref).toBe('POLTO 507');
  });

  test('the released cable reads exactly as its preview did', async () => {
    const c = core();
    const duty = as(c, 'duty-usro');
    const finletter = as(c, 'finletter');
    let d = drafted(c);
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    d = await c.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
    // The approver sees the cable before approving it: the same as the drafter saw.
    const shown = draftPreview(c, finletter, d.id).cable!;
    expect(text(draftPreview(c, duty, d.id).cable!)).toEqual(text(shown));
    d = await c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
    const released = c.cables.show(as(c, 'rusk'), d.releasedCableId!, 'app');
    expect(released.ref).toBe(shown.ref);
    expect(text(released)).toEqual(text(shown));
    // Released: the preview says where the cable is now.
    expect(draftPreview(c, duty, d.id)).toMatchObject({
      cable: null,
      refusal: 'Released as POLTO 507: open the cable itself.',
    });
  });

  test('a draft release would refuse is refused in the writer’s words, and nothing is written', () => {
    const c = core();
    const before = counts(c);
    const empty = c.drafts.create(as(c, 'duty-usro'), {});
    expect(draftPreview(c, as(c, 'duty-usro'), empty.id)).toEqual({
      draftId: empty.id,
      revision: empty.revision,
      cable: null,
      refusal: 'A cable needs at least one action addressee (DOMAIN.md rule 10).',
    });
    const badPass = { ...EXAMPLE, passes: [{ by: 'AMEMBASSY PARIS', to: 'AMEMBASSY LONDON' }] };
    expect(previewRelease(c.db, badPass, new Date()).refusal).toMatch(/AMEMBASSY PARIS is not an addressee.*rule 17/);
    expect(counts(c)).toEqual(before);
  });

  test('inside a transaction of the caller’s, only the trial is rolled back', () => {
    const c = core();
    c.db.transaction(() => {
      c.db.prepare("UPDATE stations SET name = 'Department of State (renamed)' WHERE plad = 'SECSTATE WASHDC'").run();
      const { cable } = previewRelease(c.db, EXAMPLE, new Date());
      expect(cable?.action[0]?.name).toBe('Department of State (renamed)');
    })();
    expect(c.db.prepare("SELECT name FROM stations WHERE plad = 'SECSTATE WASHDC'").pluck().get()).toBe(
      'Department of State (renamed)',
    );
    expect(() => c.cables.idByRef('POLTO 507')).toThrow(/No cable "POLTO 507"/);
  });

  test('only those who may open the draft see its cable; the others are refused and audited', () => {
    const c = core();
    const d = drafted(c);
    const denials = () => c.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'DENY'").pluck().get() as number;
    const before = denials();
    // Rusk is the Eyes Only addressee, but not in the chain: the draft is not his to read yet.
    expect(() => draftPreview(c, as(c, 'rusk'), d.id)).toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }));
    expect(() => draftPreview(c, as(c, 'trainee'), d.id)).toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }));
    expect(denials()).toBe(before + 2);
    expect(() => draftPreview(c, as(c, 'duty-usro'), 999_999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  test('through the router: a preview pushes nothing to anyone, though the trial delivered to the Department', async () => {
    const c = core();
    const router = createIpcRouter({ core: c, isTrustedUrl: (url) => url.startsWith('app://'), logError: () => {} });
    const pushed: Array<[string, PushEvent]> = [];
    const stop = router.onPush((id, event) => pushed.push([id, event]));
    const frame = (id: string): Sender => ({ id, url: 'app://cableroom/index.html', isMainFrame: true });
    try {
      for (const login of ['rusk', 'duty-usro']) {
        await router.handle(frame(login), CONTRACT.signIn.channel, { login, passphrase: SEED_PASSPHRASE });
      }
      const d = drafted(c);
      for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
      pushed.length = 0;
      const answer = await router.handle(frame('duty-usro'), CONTRACT.previewDraft.channel, { id: d.id });
      expect(answer).toMatchObject({ ok: true, value: { cable: { ref: 'POLTO 507' } } });
      for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
      expect(pushed).toEqual([]);
      // The control: the release itself is announced to Rusk.
      const finletter = as(c, 'finletter');
      let v = await c.drafts.submit(as(c, 'duty-usro'), d.id, d.revision, SEED_PASSPHRASE);
      v = await c.drafts.clear(finletter, v.id, v.revision, 0, SEED_PASSPHRASE);
      await c.drafts.approve(finletter, v.id, v.revision, SEED_PASSPHRASE);
      for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
      expect(pushed).toContainEqual(['rusk', { kind: 'inbox', arrived: 1 }]);
    } finally {
      stop();
    }
  });
});
