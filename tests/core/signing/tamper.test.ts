import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import type { Draft } from '../../../electron/domain/draft';
import { verifyAllCables, verifyOneCable, type CableVerification } from '../../../electron/core/signing/bulkVerify';
import type { Db } from '../../../electron/core/store/database';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';
import { signedFieldChanges } from './signedFieldChanges';

const core = seededCoreFixture();

const idOf = (db: Db, ref: string): number =>
  db.prepare('SELECT id FROM cables WHERE ref = ?').pluck().get(ref) as number;

describe('signature chains of released cables', () => {
  test('the seed holds POLTO 506 with a verified chain: drafter, clearer and approver', () => {
    const c = core();
    const chain = verifyOneCable(c.db, idOf(c.db, 'POLTO 506'))!;
    expect(chain.status).toBe('VERIFIED');
    expect(chain.signatures.map((s) => [s.role, s.signer, s.verified])).toEqual([
      ['DRAFTER', 'duty-usro', true],
      ['CLEARER', 'finletter', true],
      ['APPROVER', 'finletter', true],
    ]);
    expect(verifyOneCable(c.db, idOf(c.db, 'TOPOL 578'))).toBeNull();
  });

  test('verify --all over the seed: every signed cable verifies, on worker threads', async () => {
    const c = core();
    const seen: CableVerification[] = [];
    const summary = await verifyAllCables(c.db, { workers: 2, onCable: (r) => seen.push(r) });
    expect(summary).toMatchObject({ cables: 1, signatures: 3, failed: 0 });
    expect(seen.map((r) => [r.ref, r.status])).toEqual([['POLTO 506', 'VERIFIED']]);
  });

  test('any change to any signed field in the SQLite file is detected, on open and by verify --all', async () => {
    const c = core();
    const id = idOf(c.db, 'POLTO 506');
    const changes = signedFieldChanges(c.db, id);
    expect(changes.length).toBeGreaterThan(40);
    const undetected: string[] = [];
    for (const [field, sql] of changes) {
      c.db.exec('BEGIN');
      try {
        expect(c.db.prepare(sql).run().changes, field).toBeGreaterThan(0);
        const onOpen = verifyOneCable(c.db, id);
        let bulk: CableVerification | undefined;
        await verifyAllCables(c.db, { workers: 1, cableIds: [id], onCable: (r) => (bulk = r) });
        if (onOpen?.status !== 'TAMPERED' || bulk?.status !== 'TAMPERED') undetected.push(field);
      } finally {
        c.db.exec('ROLLBACK');
      }
    }
    expect(undetected).toEqual([]);
    expect(verifyOneCable(c.db, id)?.status).toBe('VERIFIED');
  });

  test('opening a tampered cable shows TAMPERED and audits it', async () => {
    const c = core();
    const id = idOf(c.db, 'POLTO 506');
    c.db.prepare("UPDATE paragraphs SET text = text || '!' WHERE cable_id = ? AND ordinal = 0").run(id);
    const rusk = await c.users.signIn('rusk', 'topol-578', 'test');
    const view = c.cables.show(rusk, id, 'test');
    expect(view.chain?.status).toBe('TAMPERED');
    expect(view.chain?.signatures.every((s) => !s.verified)).toBe(true);
    const audit = c.db.prepare("SELECT cable_id, actor_login FROM audit_log WHERE action = 'TAMPERED'").all();
    expect(audit).toEqual([{ cable_id: id, actor_login: 'rusk' }]);
  });
});

/** duty-usro's POLTO reply released through the drafting desk of `c`; returns its ref. */
async function released(c: SeededCore): Promise<string> {
  const example = JSON.parse(
    readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
  ) as Draft;
  const duty = c.users.byLogin('duty-usro');
  const finletter = c.users.byLogin('finletter');
  const created = c.drafts.create(duty, {});
  let d = c.drafts.save(duty, created.id, created.revision, example);
  d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
  d = await c.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
  d = await c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
  return d.releasedRef!;
}

describe('a released cable without its chain (issue 13 item 5)', () => {
  test('a cable imported in a bundle and stripped of its signatures is TAMPERED, on open and by verify --all', async () => {
    const a = core();
    const b = core();
    const ref = await released(a);
    const bundle = await a.exchange.exportBundle(
      a.users.byLogin('finletter'),
      [a.cables.idByRef(ref)],
      SEED_PASSPHRASE,
    );
    b.exchange.importBundle(Buffer.from(bundle.text), b.users.byLogin('rusk'));
    const id = b.cables.idByRef(ref);
    expect(verifyOneCable(b.db, id)?.status).toBe('VERIFIED');

    b.db.prepare('DELETE FROM cable_signatures WHERE cable_id = ?').run(id);
    const chain = verifyOneCable(b.db, id)!;
    expect(chain.status).toBe('TAMPERED');
    expect(chain.problems[0]).toMatch(/signatures have been removed/);
    expect(b.cables.show(b.users.byLogin('finletter'), id, 'test').chain?.status).toBe('TAMPERED');
    const seen: Array<[string, string]> = [];
    const summary = await verifyAllCables(b.db, { workers: 1, onCable: (r) => seen.push([r.ref, r.status]) });
    expect(seen).toEqual([
      ['POLTO 506', 'VERIFIED'],
      [ref, 'TAMPERED'],
    ]);
    expect(summary.failed).toBe(1);
    // Cables the trail never recorded as signed (FRUS, the seed's historical cable) stay unsigned.
    expect(verifyOneCable(b.db, b.cables.idByRef('TOPOL 578'))).toBeNull();
  });

  test('a signed cable removed from the file altogether is reported by verify --all', async () => {
    const c = core();
    const id = idOf(c.db, 'POLTO 506');
    c.db.pragma('foreign_keys = OFF');
    c.db.prepare('DELETE FROM cables WHERE id = ?').run(id);
    const seen: Array<[string, string]> = [];
    const summary = await verifyAllCables(c.db, { workers: 1, onCable: (r) => seen.push([r.ref, r.status]) });
    expect(seen).toEqual([[`cable #${id}`, 'TAMPERED']]);
    expect(summary.failed).toBe(1);
  });
});
