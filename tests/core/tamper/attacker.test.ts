import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterEach, describe, expect, test } from 'vitest';
import { main } from '../../../electron/cli/cableroom';
import { openCore, type Core } from '../../../electron/core/app';
import { fingerprint } from '../../../electron/core/crypto/keys';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { verifyAllCables, verifyOneCable } from '../../../electron/core/signing/bulkVerify';
import { readSignedCables } from '../../../electron/core/signing/signedCable';
import { chainMessages } from '../../../electron/core/signing/verifyChain';
import type { Draft } from '../../../electron/domain/draft';
import { SEED_DIR, tempDir } from '../../support/tempCore';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Issue 13 items 4–6, tried the way an attacker would: the application writes an installation (a
 * seeded database, some use, a cable drafted and released through the app) and closes it; the
 * attacker copies the installation's folder and edits the copy with plain SQL (sqlite3-style, the
 * append-only triggers dropped) and file operations. Each change must be found by core and by the
 * CLI (`audit verify`, `verify --all`: exit 5). An untouched copy must verify.
 */

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

const EXAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

type Installation = { dir: string; dbPath: string };

function folder(): Installation {
  const t = tempDir('cableroom-attack-');
  cleanups.push(t.cleanup);
  return { dir: t.dir, dbPath: join(t.dir, 'cableroom.sqlite') };
}

function open(dbPath: string): Core {
  const core = openCore({ dbPath, mustExist: true });
  cleanups.push(() => core.close());
  return core;
}

/** Some use of the app: sign-ins, views, a refusal, and duty-usro's POLTO reply released through the desk. */
async function use(core: Core): Promise<number> {
  const topol = core.cables.idByRef('TOPOL 578');
  await core.users.signIn('finletter', SEED_PASSPHRASE, 'test');
  core.cables.show(core.users.byLogin('finletter'), topol, 'test');
  expect(() => core.cables.show(core.users.byLogin('trainee'), topol, 'test')).toThrow(/Access denied/);
  const duty = core.users.byLogin('duty-usro');
  const finletter = core.users.byLogin('finletter');
  const created = core.drafts.create(duty, {});
  let d = core.drafts.save(duty, created.id, created.revision, EXAMPLE);
  d = await core.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
  d = await core.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
  d = await core.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
  expect(d.state).toBe('RELEASED');
  return d.releasedCableId!;
}

/** The installation as the application leaves it: seeded, used and closed. */
async function installation(): Promise<Installation & { released: number }> {
  const inst = folder();
  const core = openCore({ dbPath: inst.dbPath, seed: true, seedDir: SEED_DIR });
  let released: number;
  try {
    released = await use(core);
  } finally {
    core.close();
  }
  return { ...inst, released };
}

/** The attacker's copy of the whole folder (the database and whatever lies beside it). */
function copyOf(src: Installation): Installation {
  const dst = folder();
  for (const name of readdirSync(src.dir)) copyFileSync(join(src.dir, name), join(dst.dir, name));
  return dst;
}

/** Plain SQL on the file behind the app's back, triggers dropped first. */
function tamper(dbPath: string, sql: string, params: unknown[] = []): void {
  const raw = new Database(dbPath);
  try {
    raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    if (params.length > 0) raw.prepare(sql).run(...params);
    else raw.exec(sql);
  } finally {
    raw.close();
  }
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {} });
  return { code, out, err };
}

const lastSeq = (dbPath: string): number => {
  const raw = new Database(dbPath, { readonly: true });
  try {
    return raw.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
  } finally {
    raw.close();
  }
};

describe('an untouched copy', () => {
  test('verifies in core and in the CLI (no false alarm)', async () => {
    const copy = copyOf(await installation());
    const core = open(copy.dbPath);
    expect(core.audit.verify()).toMatchObject({ ok: true });
    core.close();
    expect((await cli(['audit', 'verify', '--db', copy.dbPath])).code).toBe(0);
    expect((await cli(['verify', '--all', '--db', copy.dbPath])).code).toBe(0);
  });
});

describe('item 4: the audit trail cannot be trimmed or rolled back unnoticed', () => {
  test('cutting entries off the end is detected, and new entries never reuse their numbers', async () => {
    const copy = copyOf(await installation());
    const before = lastSeq(copy.dbPath);
    tamper(copy.dbPath, `DELETE FROM audit_log WHERE seq > ${before - 3}`);

    const core = open(copy.dbPath);
    const result = core.audit.verify();
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.problem).toMatch(/cut off|rolled back/);
    // The next entry continues after the anchored head: sequence numbers are never reused.
    await core.users.signIn('finletter', SEED_PASSPHRASE, 'test');
    const [newest] = core.audit.list({ limit: 1 });
    expect(newest!.seq).toBeGreaterThan(before);
    // The gap stays visible, with the checkpoint that exposed it.
    expect(core.audit.verify()).toMatchObject({ ok: false, kind: 'chain', anchor: { seq: before } });
    core.close();

    const { code, err } = await cli(['audit', 'verify', '--db', copy.dbPath]);
    expect(code).toBe(5);
    expect(err).toMatch(/audit trail broken/);
  });

  test('an older copy of the database put back in place of the file is detected', async () => {
    const inst = await installation();
    const older = join(inst.dir, 'older.sqlite.bak');
    copyFileSync(inst.dbPath, older);
    const core = open(inst.dbPath);
    await core.users.signIn('rusk', SEED_PASSPHRASE, 'test');
    await core.users.signIn('finletter', SEED_PASSPHRASE, 'test');
    core.close();

    const copy = copyOf(inst);
    copyFileSync(older, copy.dbPath);
    for (const side of ['-wal', '-shm']) rmSync(copy.dbPath + side, { force: true });
    const reopened = open(copy.dbPath);
    const result = reopened.audit.verify();
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.problem).toMatch(/rolled back/);
    reopened.close();
    expect((await cli(['audit', 'verify', '--db', copy.dbPath])).code).toBe(5);
  });

  test('removing the anchor beside the database is detected', async () => {
    const copy = copyOf(await installation());
    const anchor = readdirSync(copy.dir).find((n) => n.endsWith('.audit-anchor'));
    expect(anchor).toBeDefined();
    rmSync(join(copy.dir, anchor!));
    const core = open(copy.dbPath);
    expect(core.audit.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/anchor/) });
    core.close();
    expect((await cli(['audit', 'verify', '--db', copy.dbPath])).code).toBe(5);
    expect(existsSync(join(copy.dir, anchor!))).toBe(false);
  });
});

describe('item 5: a released cable without its signatures is TAMPERED', () => {
  test('deleting the chains of a seeded and an app-released cable is found on open and by verify --all', async () => {
    const inst = await installation();
    const copy = copyOf(inst);
    const polto506 = (() => {
      const raw = new Database(copy.dbPath, { readonly: true });
      try {
        return raw.prepare("SELECT id FROM cables WHERE ref = 'POLTO 506'").pluck().get() as number;
      } finally {
        raw.close();
      }
    })();
    // The attacker also dresses the app-released one up as a historical document.
    tamper(
      copy.dbPath,
      `DELETE FROM cable_signatures WHERE cable_id IN (${polto506}, ${inst.released});
       UPDATE cables SET source_note = 'Source: Department of State, Central Files, 611.61/10-2862.' WHERE id = ${inst.released};
       DELETE FROM drafts WHERE cable_id = ${inst.released};`,
    );

    const core = open(copy.dbPath);
    for (const id of [polto506, inst.released]) {
      expect(verifyOneCable(core.db, id)?.status).toBe('TAMPERED');
      const view = core.cables.show(core.users.byLogin('finletter'), id, 'test');
      expect(view.chain?.status).toBe('TAMPERED');
    }
    // Historical cables imported with their FRUS source note stay unsigned and are not accused.
    expect(verifyOneCable(core.db, core.cables.idByRef('TOPOL 578'))).toBeNull();
    const statuses: Array<[number, string]> = [];
    const summary = await verifyAllCables(core.db, {
      workers: 1,
      onCable: (r) => statuses.push([r.cableId, r.status]),
    });
    expect(summary.failed).toBe(2);
    expect(statuses).toEqual(
      expect.arrayContaining([
        [polto506, 'TAMPERED'],
        [inst.released, 'TAMPERED'],
      ]),
    );
    core.close();
    expect((await cli(['verify', '--all', '--db', copy.dbPath])).code).toBe(5);
    expect((await cli(['verify', 'POLTO 506', '--db', copy.dbPath])).code).toBe(5);
  });
});

describe('item 6: the key registry is covered by the anchored chain', () => {
  test('a key written into the file by hand is detected, and a cable re-signed with it does not verify', async () => {
    const inst = await installation();
    const copy = copyOf(inst);
    // The attacker makes key pairs of their own, files them as retired keys of duty-usro and
    // finletter, rewrites a paragraph of the released cable and signs the chain again.
    const raw = new Database(copy.dbPath);
    const forged = new Map<string, nacl.SignKeyPair>();
    for (const person of ['duty-usro', 'finletter']) {
      const pair = nacl.sign.keyPair();
      forged.set(person, pair);
      raw
        .prepare(
          `INSERT INTO person_keys (person_id, public_key, fingerprint, created_at, retired_at)
           SELECT id, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z' FROM people WHERE key = ?`,
        )
        .run(Buffer.from(pair.publicKey), fingerprint(pair.publicKey), person);
    }
    const id = inst.released;
    raw
      .prepare("UPDATE paragraphs SET text = 'We recommend the missiles stay.' WHERE cable_id = ? AND ordinal = 0")
      .run(id);
    raw
      .prepare(
        `UPDATE cable_signatures SET key_fingerprint = (SELECT k.fingerprint FROM person_keys k JOIN people p ON p.id = k.person_id
           WHERE p.key = cable_signatures.signer AND k.retired_at = '2026-01-02T00:00:00.000Z') WHERE cable_id = ?`,
      )
      .run(id);
    const [sc] = readSignedCables(raw, id, id);
    const messages = chainMessages(sc!);
    sc!.signatures.forEach((s, i) => {
      const signature = nacl.sign.detached(messages[i]!, forged.get(s.signer)!.secretKey);
      raw
        .prepare('UPDATE cable_signatures SET signature = ? WHERE cable_id = ? AND ordinal = ?')
        .run(Buffer.from(signature), id, i);
    });
    raw.close();

    const core = open(copy.dbPath);
    const result = core.audit.verify();
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/key/) });
    const chain = verifyOneCable(core.db, id)!;
    expect(chain.status).toBe('TAMPERED');
    expect(chain.signatures.every((s) => !s.verified)).toBe(true);
    core.close();
    const verdict = await cli(['audit', 'verify', '--db', copy.dbPath]);
    expect(verdict.code).toBe(5);
    // The CLI names the key registry, not an entry of the chain, as what is wrong.
    expect(verdict.err).toMatch(/^cableroom: key registry does not match the audit trail: .*key/);
    expect((await cli(['verify', '--all', '--db', copy.dbPath])).code).toBe(5);
  });
});
