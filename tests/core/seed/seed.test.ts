import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openCore } from '../../../electron/core/app';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { SEED_DIR, seededCore, tempDir } from '../../support/tempCore';

const D100 = join(__dirname, '../../fixtures/frus/frus1961-63v11/d100.xml');

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function core() {
  const c = seededCore();
  cleanups.push(c.dispose);
  return c;
}

/** The TEI's numbered items, tags stripped and whitespace collapsed, as an independent reading of the source. */
function teiParagraphs(xml: string): string[] {
  const list = xml.slice(xml.indexOf('<list>'), xml.indexOf('</list>'));
  return list
    .split(/<label>\d+\.<\/label>/)
    .slice(1)
    .map((item) =>
      item
        .replace(/<pb[^>]*\/>/g, '')
        .replace(/<\/p>\s*<p>/g, '\n\n')
        .replace(/<[^>]+>/g, '')
        .split('\n\n')
        .map((part) => part.replace(/\s+/g, ' ').trim())
        .join('\n\n'),
    );
}

describe('the 1962 directory', () => {
  test('holds the Department with its offices, USRO, USUN, Moscow and the 14 NATO embassies as ALL NATO CAPITALS', () => {
    const { db } = core();
    const plads = db.prepare('SELECT plad FROM stations').pluck().all() as string[];
    expect(plads).toEqual(
      expect.arrayContaining([
        'SECSTATE WASHDC',
        'WHITE HOUSE WASHDC',
        'USMISSION USNATO',
        'USMISSION USUN NEW YORK',
        'AMEMBASSY MOSCOW',
      ]),
    );
    const offices = db
      .prepare("SELECT code FROM offices WHERE station_id = (SELECT id FROM stations WHERE plad = 'SECSTATE WASHDC')")
      .pluck()
      .all();
    expect(offices).toEqual(expect.arrayContaining(['S/S', 'EUR', 'NEA', 'IO']));
    const members = db
      .prepare(
        `SELECT s.city FROM collective_members m JOIN collectives c ON c.id = m.collective_id JOIN stations s ON s.id = m.station_id
         WHERE c.name = 'ALL NATO CAPITALS' ORDER BY s.city`,
      )
      .pluck()
      .all();
    expect(members).toEqual([
      'Ankara',
      'Athens',
      'Bonn',
      'Brussels',
      'Copenhagen',
      'Lisbon',
      'London',
      'Luxembourg',
      'Oslo',
      'Ottawa',
      'Paris',
      'Reykjavik',
      'Rome',
      'The Hague',
    ]);
  });

  test('names the principals as FRUS does and has the training personas with the right clearances', () => {
    const c = core();
    const principal = (plad: string): unknown =>
      c.db
        .prepare(
          'SELECT p.cited_as FROM people p JOIN stations s ON s.id = p.station_id WHERE s.plad = ? AND p.is_principal = 1',
        )
        .pluck()
        .get(plad);
    expect(principal('SECSTATE WASHDC')).toBe('Rusk');
    expect(principal('USMISSION USNATO')).toBe('Finletter');
    expect(principal('AMEMBASSY PARIS')).toBe('Bohlen');
    expect(principal('AMEMBASSY ANKARA')).toBe('Hare');
    expect(c.users.byLogin('finletter')).toMatchObject({ isPrincipal: true, post: { plad: 'USMISSION USNATO' } });
    expect(c.users.byLogin('bohlen')).toMatchObject({ isPrincipal: true, post: { plad: 'AMEMBASSY PARIS' } });
    expect(c.users.byLogin('duty-usro')).toMatchObject({
      clearance: 'SECRET',
      isPrincipal: false,
      post: { plad: 'USMISSION USNATO' },
    });
    expect(c.users.byLogin('trainee')).toMatchObject({
      clearance: 'CONFIDENTIAL',
      role: 'trainee',
      post: { plad: 'USMISSION USNATO' },
    });
    expect(c.users.byLogin('liaison')).toMatchObject({ foreignNational: true, post: { plad: 'USMISSION USNATO' } });
    expect(c.users.byLogin('rusk')).toMatchObject({ clearance: 'TOP_SECRET', post: { plad: 'SECSTATE WASHDC' } });
  });

  test('stores passphrases only as scrypt hashes, and the training passphrase signs in', async () => {
    const c = core();
    const rows = c.db.prepare('SELECT passphrase_hash, kdf FROM users').all() as {
      passphrase_hash: Buffer;
      kdf: string;
    }[];
    for (const r of rows) {
      expect(r.kdf).toMatch(/^scrypt:/);
      expect(r.passphrase_hash.toString('utf8')).not.toContain(SEED_PASSPHRASE);
    }
    expect(readFileSync(join(SEED_DIR, 'users.json'), 'utf8')).not.toContain(SEED_PASSPHRASE);
    expect((await c.users.signIn('finletter', SEED_PASSPHRASE, 'test')).login).toBe('finletter');
    await expect(c.users.signIn('finletter', 'wrong', 'test')).rejects.toThrow(
      expect.objectContaining({ code: 'SIGN_IN_FAILED' }),
    );
  });
});

describe('TOPOL 578, faithful to FRUS 1961-63 vol. XI doc. 100', () => {
  test('header, markings, routing and drafting chain', () => {
    const c = core();
    const view = c.cables.show(c.users.byLogin('finletter'), c.cables.idByRef('TOPOL 578'), 'test');
    expect(view).toMatchObject({
      ref: 'TOPOL 578',
      series: 'TOPOL',
      serial: 578,
      dtg: '280412Z OCT 62',
      sentAt: '1962-10-28T04:12:00.000Z', // 12:12 a.m. EDT on October 28, per the TEI dateline
      classification: 'SECRET',
      banner: 'SECRET',
      captions: ['EYES ONLY'],
      from: { plad: 'SECSTATE WASHDC', name: 'Department of State' },
      pass: [{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS', status: 'DONE' }],
      eyesOnlyFor: ['Finletter', 'Bohlen'],
      draftedBy: ['Bundy', 'U. Alexis Johnson'],
      clearedBy: ['EUR', 'NEA'],
      approvedBy: ['U. Alexis Johnson'],
      signedBy: 'RUSK',
      info: [],
    });
    expect(view.action).toEqual([
      expect.objectContaining({ plad: 'USMISSION USNATO', serial: 'TOPOL 578', role: 'ACTION' }),
    ]);
  });

  test('the repeat goes to the 13 other NATO capitals eyes only for the ambassadors and info USUN, not to Moscow', () => {
    const c = core();
    const view = c.cables.show(c.users.byLogin('finletter'), c.cables.idByRef('TOPOL 578'), 'test');
    expect(view.repeats).toHaveLength(1);
    const repeat = view.repeats[0]!;
    expect(repeat.addressees.map((a) => `${a.role} ${a.plad}`)).toEqual([
      'INFO ALL NATO CAPITALS',
      'EXEMPT AMEMBASSY PARIS',
      'INFO USMISSION USUN NEW YORK',
    ]);
    expect(repeat.eyesOnlyFor).toHaveLength(14); // 13 ambassadors + Stevenson at USUN
    expect(repeat.eyesOnlyFor).toEqual(expect.arrayContaining(['Hare', 'Bruce', 'Dowling', 'Stevenson']));
    expect(repeat.eyesOnlyFor).not.toContain('Bohlen');
    expect(repeat.eyesOnlyFor).not.toContain('Kohler');
    const delivered = c.db
      .prepare(
        `SELECT s.plad FROM deliveries d JOIN transmissions t ON t.id = d.transmission_id JOIN stations s ON s.id = d.station_id
         WHERE t.kind = 'REPEAT' AND d.cable_id = ?`,
      )
      .pluck()
      .all(view.id) as string[];
    expect(delivered).toHaveLength(14);
    expect(delivered).toContain('USMISSION USUN NEW YORK');
    expect(delivered).not.toContain('AMEMBASSY MOSCOW');
    expect(delivered).not.toContain('AMEMBASSY PARIS');
  });

  test('paragraphs 1-8 match the TEI source word for word, with paragraph 8 flagged FYI', () => {
    const c = core();
    const view = c.cables.show(c.users.byLogin('finletter'), c.cables.idByRef('TOPOL 578'), 'test');
    const source = teiParagraphs(readFileSync(D100, 'utf8'));
    expect(source).toHaveLength(8);
    expect(view.paragraphs.map((p) => p.text)).toEqual(source);
    expect(view.paragraphs.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(view.paragraphs.map((p) => p.fyi)).toEqual([false, false, false, false, false, false, false, true]);
    expect(view.paragraphs[7]!.text).toMatch(/^FYI\. .* End FYI\.$/);
    expect(view.paragraphs.every((p) => p.portion === 'S')).toBe(true);
    expect(view.sourceNote).toContain(
      'Secret; Eyes Only. Drafted by Bundy and U. Alexis Johnson, cleared by EUR and NEA',
    );
    expect(view.sourceNote).toContain('Repeated to all other NATO capitals eyes only info Ambassadors and New York.');
  });
});

describe('bad seeds', () => {
  test('a missing seed folder creates no database file', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dbPath = join(t.dir, 'db.sqlite');
    expect(() => openCore({ dbPath, seed: 'demo', seedDir: join(t.dir, 'nowhere') })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('Seed file missing') }),
    );
    expect(existsSync(dbPath)).toBe(false);
  });

  test('a seed that names an unknown station leaves the database empty (one transaction)', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const seedDir = join(t.dir, 'seed');
    cpSync(SEED_DIR, seedDir, { recursive: true });
    const file = join(seedDir, 'cables', 'topol-578.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"AMEMBASSY PARIS"', '"AMEMBASSY ATLANTIS"'));
    const dbPath = join(t.dir, 'db.sqlite');
    expect(() => openCore({ dbPath, seed: 'demo', seedDir })).toThrow(/unknown station "AMEMBASSY ATLANTIS"/);
    const reopened = openCore({ dbPath });
    cleanups.push(reopened.close);
    expect(reopened.db.prepare('SELECT count(*) FROM stations').pluck().get()).toBe(0);
    expect(reopened.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
  });

  test('a seed file that is not JSON is named in the error', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const seedDir = join(t.dir, 'seed');
    cpSync(SEED_DIR, seedDir, { recursive: true });
    writeFileSync(join(seedDir, 'users.json'), '{ "users": [');
    expect(() => openCore({ dbPath: join(t.dir, 'db.sqlite'), seed: 'demo', seedDir })).toThrow(
      /users\.json is not valid JSON/,
    );
  });
});
