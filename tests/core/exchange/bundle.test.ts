import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import type { Draft } from '../../../electron/domain/draft';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

const core = seededCoreFixture();
const EXAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

/** Releases the example POLTO reply in `c` through the real drafting desk; returns its ref. */
async function release(
  c: SeededCore,
  draft: Draft = EXAMPLE,
  drafter = 'duty-usro',
  passphrase = SEED_PASSPHRASE,
): Promise<string> {
  const duty = c.users.byLogin(drafter);
  const finletter = c.users.byLogin('finletter');
  const created = c.drafts.create(duty, {});
  let d = c.drafts.save(duty, created.id, created.revision, draft);
  d = await c.drafts.submit(duty, d.id, d.revision, passphrase);
  d = await c.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
  d = await c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
  return d.releasedRef!;
}

const ids = (c: SeededCore, ...refs: string[]): number[] => refs.map((r) => c.cables.idByRef(r));
const cableCount = (c: SeededCore): number => c.db.prepare('SELECT count(*) FROM cables').pluck().get() as number;

describe('signed bundles between two databases (issue 6)', () => {
  test('a bundle round-trips: exported from A, verified and imported into B, where it verifies on open', async () => {
    const a = core();
    const b = core();
    const ref = await release(a);
    const bundle = await a.exchange.exportBundle(
      a.users.byLogin('finletter'),
      ids(a, ref, 'POLTO 506'),
      SEED_PASSPHRASE,
    );
    expect(bundle.summary).toMatchObject({
      classification: 'SECRET',
      exportedBy: 'finletter',
      refs: [ref, 'POLTO 506'],
    });
    expect(bundle.text.split('\n')[0]).toBe('CABLEROOM-BUNDLE-1');
    expect(a.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'EXPORT'").pluck().get()).toBe(2);

    const summary = b.exchange.importBundle(Buffer.from(bundle.text), b.users.byLogin('rusk'));
    expect(summary.refs).toEqual([ref, 'POLTO 506']);
    expect(summary.alreadyPresent).toEqual(['POLTO 506']);
    const view = b.cables.show(b.users.byLogin('rusk'), b.cables.idByRef(ref), 'test');
    expect(view.chain?.status).toBe('VERIFIED');
    expect(view.paragraphs.map((p) => p.text)).toEqual(EXAMPLE.paragraphs.map((p) => p.text));
    expect(b.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'IMPORT'").pluck().get()).toBe(1);
    // Importing again changes nothing.
    expect(b.exchange.importBundle(Buffer.from(bundle.text), null).alreadyPresent).toEqual([ref, 'POLTO 506']);
  });

  test('a change of any single byte of the bundle is refused, and nothing is imported', async () => {
    const a = core();
    const b = core();
    const ref = await release(a);
    const bytes = Buffer.from(
      (await a.exchange.exportBundle(a.users.byLogin('finletter'), ids(a, ref), SEED_PASSPHRASE)).text,
    );
    const before = cableCount(b);
    const accepted: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 0x01;
      try {
        b.exchange.importBundle(changed, null);
        accepted.push(i);
      } catch (e) {
        expect((e as { code?: string }).code).toBe('INTEGRITY');
      }
    }
    expect(accepted).toEqual([]);
    expect(cableCount(b)).toBe(before);
    // Truncated, extended and empty files too.
    for (const broken of [
      bytes.subarray(0, bytes.length - 1),
      Buffer.concat([bytes, Buffer.from('\n')]),
      Buffer.alloc(0),
    ]) {
      expect(() => b.exchange.importBundle(broken, null)).toThrow(/Bundle refused/);
    }
  });

  test('a signature by a key the importing database does not know is refused with the reason', async () => {
    const a = core();
    const b = core();
    // A new officer exists only in A, with a key B has never seen.
    await a.accounts.create(a.users.byLogin('instructor'), {
      login: 'burgess',
      displayName: 'W. Randolph Burgess',
      post: 'USMISSION USNATO',
      office: 'POL',
      role: 'officer',
      clearance: 'SECRET',
      categories: [],
      captionRoles: [],
      foreignNational: false,
      passphrase: 'burgess passphrase',
    });
    const ref = await release(a, { ...EXAMPLE, drafters: ['user:burgess'] }, 'burgess', 'burgess passphrase');
    const text = (await a.exchange.exportBundle(a.users.byLogin('finletter'), ids(a, ref), SEED_PASSPHRASE)).text;
    expect(() => b.exchange.importBundle(Buffer.from(text), null)).toThrow(/unknown key/);
  });

  test('only cables the exporter may see, and only signed ones, go into a bundle; a wrong passphrase signs nothing', async () => {
    const a = core();
    await expect(
      a.exchange.exportBundle(a.users.byLogin('trainee'), ids(a, 'POLTO 506'), SEED_PASSPHRASE),
    ).rejects.toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error);
    await expect(
      a.exchange.exportBundle(a.users.byLogin('finletter'), ids(a, 'TOPOL 578'), SEED_PASSPHRASE),
    ).rejects.toThrow(/no signatures/);
    await expect(a.exchange.exportBundle(a.users.byLogin('rusk'), ids(a, 'POLTO 506'), 'wrong')).rejects.toThrow(
      expect.objectContaining({ code: 'WRONG_PASSPHRASE' }) as Error,
    );
    expect(a.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'EXPORT'").pluck().get()).toBe(0);
  });
});
