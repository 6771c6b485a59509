import { describe, expect, test } from 'vitest';
import type { Db } from '../../../electron/core/store/database';
import { keyCache, memoVerifier } from '../../../electron/core/crypto/verify';
import { verifyOneCable } from '../../../electron/core/signing/bulkVerify';
import { seededCoreFixture } from '../../support/tempCore';
import { signedFieldChanges } from './signedFieldChanges';

/**
 * Issue 15 item 2: the app's open shows a signed cable at once with its chain VERIFYING, and the
 * verdict once that answer has gone. The verdict must be the one `show` gives (rules 23–24), TAMPERED
 * audited exactly as on a synchronous open, and VERIFYING never taken for verified.
 */
const core = seededCoreFixture();

const idOf = (db: Db, ref: string): number =>
  db.prepare('SELECT id FROM cables WHERE ref = ?').pluck().get(ref) as number;

const tamperedEntries = (db: Db) =>
  db.prepare("SELECT cable_id, actor_login, detail FROM audit_log WHERE action = 'TAMPERED' ORDER BY seq").all() as {
    cable_id: number;
    actor_login: string;
    detail: string;
  }[];

describe('opening a signed cable with the verdict to follow', () => {
  test('POLTO 506 opens VERIFYING with no signature shown as verified; its verdict is VERIFIED', async () => {
    const c = core();
    const id = idOf(c.db, 'POLTO 506');
    const finletter = await c.users.signIn('finletter', 'topol-578', 'test');
    const view = c.cables.open(finletter, id, 'test');
    expect(view.chain).toEqual({ status: 'VERIFYING', signatures: [], problems: [] });
    const verdict = await c.cables.verdict(finletter, id, 'test');
    expect(verdict).toEqual(verifyOneCable(c.db, id));
    expect(verdict?.status).toBe('VERIFIED');
    // Opened again: the valid signatures are remembered, the verdict is the same.
    c.cables.open(finletter, id, 'test');
    expect(await c.cables.verdict(finletter, id, 'test')).toEqual(verdict);
    expect(tamperedEntries(c.db)).toEqual([]);
    // The open is audited as VIEW, as `show` does.
    const views = c.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'VIEW' AND cable_id = ?").pluck().get(id);
    expect(views).toBe(2);
  });

  test('an unsigned cable opens with no chain and its verdict is null', async () => {
    const c = core();
    const id = idOf(c.db, 'TOPOL 578');
    const finletter = await c.users.signIn('finletter', 'topol-578', 'test');
    expect(c.cables.open(finletter, id, 'test').chain).toBeNull();
    expect(await c.cables.verdict(finletter, id, 'test')).toBeNull();
  });

  test('a tampered cable: VERIFYING, then TAMPERED, audited once with the same detail as show', async () => {
    const c = core();
    const id = idOf(c.db, 'POLTO 506');
    c.db.prepare("UPDATE paragraphs SET text = text || '!' WHERE cable_id = ? AND ordinal = 0").run(id);
    const rusk = await c.users.signIn('rusk', 'topol-578', 'test');
    const view = c.cables.open(rusk, id, 'test');
    expect(view.chain?.status).toBe('VERIFYING');
    const verdict = await c.cables.verdict(rusk, id, 'test');
    expect(verdict?.status).toBe('TAMPERED');
    expect(verdict?.signatures.every((s) => !s.verified)).toBe(true);
    const onOpen = tamperedEntries(c.db);
    expect(onOpen.map((e) => [e.cable_id, e.actor_login])).toEqual([[id, 'rusk']]);
    // The synchronous open writes the very same entry.
    c.cables.show(rusk, id, 'test');
    const both = tamperedEntries(c.db);
    expect(both).toHaveLength(2);
    expect(JSON.parse(both[0]!.detail)).toEqual(JSON.parse(both[1]!.detail));
  });

  test('the TAMPERED entry is written even when nobody asks for the verdict', async () => {
    const c = core();
    const id = idOf(c.db, 'POLTO 506');
    c.db.prepare("UPDATE cables SET subject = subject || '.' WHERE id = ?").run(id);
    const rusk = await c.users.signIn('rusk', 'topol-578', 'test');
    c.cables.open(rusk, id, 'test');
    // The verdict follows the open by itself: the entry appears without anyone asking.
    await expect.poll(() => tamperedEntries(c.db).map((e) => e.actor_login), { timeout: 20_000 }).toEqual(['rusk']);
  });

  test('the verdict decides access again: a reader who may not see the cable gets ACCESS_DENIED', async () => {
    const c = core();
    const id = idOf(c.db, 'POLTO 506');
    const trainee = await c.users.signIn('trainee', 'topol-578', 'test');
    await expect(c.cables.verdict(trainee, id, 'test')).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
  });

  test('every change to a signed field is found with the valid signatures remembered', () => {
    const c = core();
    const id = idOf(c.db, 'POLTO 506');
    // What the open's verdict runs (services/cables.ts), its memo warm from a first, valid check.
    const remembering = { verify: memoVerifier(), toKey: keyCache() };
    expect(verifyOneCable(c.db, id, remembering)?.status).toBe('VERIFIED');
    const differ: string[] = [];
    for (const [field, sql] of signedFieldChanges(c.db, id)) {
      c.db.exec('BEGIN');
      try {
        c.db.prepare(sql).run();
        const remembered = verifyOneCable(c.db, id, remembering);
        const fresh = verifyOneCable(c.db, id);
        if (remembered?.status !== 'TAMPERED' || JSON.stringify(remembered) !== JSON.stringify(fresh))
          differ.push(field);
      } finally {
        c.db.exec('ROLLBACK');
      }
    }
    expect(differ).toEqual([]);
  });
});
