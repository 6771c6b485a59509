import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import type { CableInput } from '../../../electron/contract/cableInput';
import type { Scenario, ScenarioExpectation } from '../../../electron/contract/scenario';
import { validateScenarioFile } from '../../../electron/core/exercise/scenarioFile';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import type { Actor } from '../../../electron/core/services/actor';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { verifyOneCable } from '../../../electron/core/signing/bulkVerify';
import { accessSubject } from '../../../electron/core/services/actor';
import { accessObjectOf } from '../../../electron/core/services/cableView';
import { loadCableRecord } from '../../../electron/core/store/cableReader';
import { decideAccess } from '../../../electron/domain/access';
import type { Draft } from '../../../electron/domain/draft';
import { SEED_DIR, seededCoreFixture, tempDir } from '../../support/tempCore';

/**
 * The shipped "Black Saturday, 27–28 October 1962" scenario (issue 10 item 7; EXERCISES.md §7;
 * docs/EXERCISES.md "Black Saturday"): valid against a fresh demo database, its FRUS references
 * resolved from the copies in resources/frus to the real telegrams as FRUS prints them, and every
 * expectation one that the scenario's own people can meet through the real services (and every
 * `never` one they can really break, so it is not a rule that cannot fail).
 */
const FILE = resolve(__dirname, '../../../resources/scenarios/black-saturday.json');
const SEED_TOPOL_578 = resolve(SEED_DIR, 'cables/topol-578.json');

const USRO = 'USMISSION USNATO';
const PARIS = 'AMEMBASSY PARIS';
const USUN = 'USMISSION USUN NEW YORK';

const core = seededCoreFixture();

describe('Black Saturday: the shipped scenario', () => {
  test('is valid against a fresh demo database (exercise validate finds no problem)', async () => {
    const r = await validateScenarioFile(core().db, FILE);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.title).toBe('Black Saturday, 27–28 October 1962');
    expect(r.scenario.clock.start).toBe('280330Z OCT 62');
    // The roles EXERCISES.md §7 names, with the seed's personas where the seed has one.
    expect(r.scenario.roles.map((x) => [x.id, x.post, x.function, x.minClearance, x.persona ?? null])).toEqual([
      ['finletter', USRO, 'principal', 'SECRET', 'finletter'],
      ['duty-officer', USRO, 'duty officer', 'SECRET', 'duty-usro'],
      ['trainee', USRO, 'desk officer', 'CONFIDENTIAL', 'trainee'],
      ['embassy', PARIS, 'principal', 'SECRET', 'bohlen'],
      ['ss-watch', 'SECSTATE WASHDC', 'duty officer', 'SECRET', 'ss-officer'],
      // The seed has no account at USUN: the instructor assigns one when the exercise starts.
      ['usun', USUN, 'duty officer', 'SECRET', null],
    ]);
  });

  test('Topol 578 resolves to the real telegram: text, routing and captions as FRUS prints them', async () => {
    const r = await validateScenarioFile(core().db, FILE);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const topol = r.cables['topol-578']!;
    expect(r.scenario.cables['topol-578']).toEqual({ frus: 'frus1961-63v11', doc: 100 });
    expect(topol).toMatchObject({
      ref: 'TOPOL 578',
      series: { indicator: 'TOPOL', number: 578 },
      // "Washington, October 28, 1962, 12:12 a.m." (EDT) = 0412Z.
      dtg: '280412Z OCT 62',
      originator: { plad: 'SECSTATE WASHDC' },
      classification: 'SECRET',
      captions: ['EYES_ONLY'],
      signature: 'RUSK',
    });
    expect(topol.sourceNote).toContain(
      'Secret; Eyes Only. Drafted by Bundy and U. Alexis Johnson, cleared by EUR and NEA, and approved by U. Alexis Johnson. Repeated to all other NATO capitals eyes only info Ambassadors and New York.',
    );
    expect(topol.drafting).toEqual([
      { role: 'DRAFTED', person: 'bundy' },
      { role: 'DRAFTED', person: 'ujohnson' },
      { role: 'CLEARED', office: { station: 'SECSTATE WASHDC', code: 'EUR' }, kind: 'CLEAR' },
      { role: 'CLEARED', office: { station: 'SECSTATE WASHDC', code: 'NEA' }, kind: 'CLEAR' },
      { role: 'APPROVED', person: 'ujohnson' },
    ]);
    // "Topol 578. USRO pass Embassy.": action USRO, Eyes Only for the principal, USRO passes to Paris.
    expect(topol.transmission.addressees).toEqual([
      expect.objectContaining({ plad: USRO, role: 'ACTION', serial: { series: 'TOPOL', number: 578 } }),
    ]);
    expect(topol.transmission.eyesOnly).toEqual([{ principals: true }]);
    // The archive records the pass as carried out (import-frus maps it DONE); replayed, the inject
    // is the moment of receipt, so the pass is still USRO's to do (scenarioFile.ts; rule 17).
    expect(topol.transmission.passes).toEqual([{ by: USRO, to: PARIS, status: 'PENDING' }]);
    expect(topol.repeats).toEqual([
      expect.objectContaining({
        by: 'SECSTATE WASHDC',
        eyesOnly: [{ principals: true }],
        addressees: [
          expect.objectContaining({ collective: 'ALL NATO CAPITALS', role: 'INFO' }),
          expect.objectContaining({ plad: PARIS, role: 'EXEMPT' }),
          expect.objectContaining({ plad: USUN, role: 'INFO' }),
        ],
      }),
    ]);
    // The eight numbered paragraphs, word for word as the seed's own transcription of document 100
    // (resources/seed/cables/topol-578.json), paragraph 8 the FYI.
    const seed = JSON.parse(readFileSync(SEED_TOPOL_578, 'utf8')) as CableInput;
    expect(topol.paragraphs.map((p) => ({ n: p.n, portion: p.portion, fyi: p.fyi, text: p.text }))).toEqual(
      seed.paragraphs.map((p) => ({ n: p.n, portion: p.portion, fyi: p.fyi, text: p.text })),
    );
    expect(topol.paragraphs.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(topol.paragraphs[7]!.fyi).toBe(true);
    expect(topol.paragraphs[7]!.text).toMatch(/^FYI\. It is of the utmost importance that nothing .* End FYI\.$/s);
  });

  test('Deptel 445 resolves to the real telegram: Eyes Only for Hare and Finletter, also sent to USRO', async () => {
    const r = await validateScenarioFile(core().db, FILE);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const deptel = r.cables['state-445']!;
    expect(r.scenario.cables['state-445']).toEqual({ frus: 'frus1961-63v11', doc: 56 });
    expect(deptel).toMatchObject({
      ref: 'STATE 445 TO ANKARA',
      dtg: '241524Z OCT 62',
      classification: 'SECRET',
      captions: ['EYES_ONLY'],
      fileRef: '611.3722/10-2462',
      signature: 'RUSK',
    });
    expect(deptel.sourceNote).toContain(
      'Secret; Priority; Eyes Only. Drafted by Ball, cleared with Tyler and NEA, approved by Rusk. Also sent to Paris for USRO.',
    );
    expect(deptel.transmission.eyesOnly).toEqual([{ person: 'hare' }, { person: 'finletter' }]);
    expect(deptel.transmission.addressees.map((a) => [a.plad, a.role, a.precedence, a.for])).toEqual([
      ['AMEMBASSY ANKARA', 'ACTION', 'PRIORITY', ['hare']],
      [USRO, 'ACTION', 'PRIORITY', ['finletter']],
    ]);
    expect(deptel.paragraphs.map((p) => p.text)).toEqual([
      expect.stringMatching(
        /^Soviet reaction Cuban quarantine likely involve efforts compare missiles in Cuba with Jupiters in Turkey\./,
      ),
      expect.stringMatching(/^Urgently request Ambassador Hare’s assessment political consequences such removal/),
      'Ambassador Finletter also requested comment standpoint NATO aspect problem. Do not discuss with any foreigners.',
    ]);
    // Delivered to USRO only: Ankara is not played.
    expect(r.scenario.injects.find((i) => i.id === 'state-445')?.deliverTo).toEqual([USRO]);
  });

  test('every other cable says it is an exercise, not a historical document', () => {
    const s = JSON.parse(readFileSync(FILE, 'utf8')) as Scenario;
    const inline = Object.entries(s.cables).filter(([, c]) => !('frus' in c)) as [string, CableInput][];
    expect(inline.length).toBeGreaterThan(0);
    for (const [key, c] of inline) {
      expect(c.subject, key).toMatch(/^EXERCISE: /);
      expect(c.paragraphs[0]!.text, key).toMatch(/^EXERCISE\. /);
      expect(c.sourceNote, key).toMatch(/not a historical document/);
    }
  });
});

/**
 * A demo database whose archive lacks Topol 578 and its practice reply, so the scenario's cables can
 * be written as the engine writes an inject (the real cable writer), references and all.
 */
function coreWithoutTopol578(): Core & { dispose(): void } {
  const { dir, cleanup } = tempDir('cableroom-bs-');
  const seedDir = join(dir, 'seed');
  cpSync(SEED_DIR, seedDir, { recursive: true });
  rmSync(join(seedDir, 'cables/topol-578.json'));
  rmSync(join(seedDir, 'signed/polto-practice.json'));
  const c = openCore({ dbPath: join(dir, 'cableroom.sqlite'), seed: 'demo', seedDir });
  return Object.assign(c, {
    dispose() {
      c.close();
      cleanup();
    },
  });
}

describe('Black Saturday: every expectation can be met, every never can be broken', () => {
  const opened: Array<{ dispose(): void }> = [];
  afterEach(() => {
    while (opened.length > 0) opened.pop()!.dispose();
  });

  test('played through the real services by the scenario’s people', async () => {
    const c = coreWithoutTopol578();
    opened.push(c);
    const r = await validateScenarioFile(c.db, FILE);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const s = r.scenario;

    // The USUN role has no seed persona: an instructor makes the account the exercise assigns.
    await c.accounts.create(c.users.byLogin('instructor'), {
      login: 'usun-watch',
      displayName: 'USUN Watch Officer',
      post: USUN,
      office: 'FRONT',
      role: 'officer',
      clearance: 'SECRET',
      categories: [],
      captionRoles: [],
      foreignNational: false,
      passphrase: 'usun night watch 1962',
    });
    const player = (roleId: string): Actor => {
      const role = s.roles.find((x) => x.id === roleId)!;
      return c.users.byLogin(role.persona ?? 'usun-watch');
    };

    // Every inject's cable written as an inject is, in the scenario's order.
    const cableOf = new Map<string, number>();
    for (const inj of s.injects) cableOf.set(inj.id, insertCable(c.db, r.cables[inj.cable]!));
    const idOf = (injectId: string): number => cableOf.get(injectId)!;
    const denials = (login: string): number =>
      c.db
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'DENY' AND actor_login = ?")
        .pluck()
        .get(login) as number;
    const deliveryOf = (actor: Actor, cableId: number): number => {
      const row = c.inbox.list(actor, { limit: 200 }).rows.find((x) => x.cableId === cableId);
      if (!row) throw new Error(`${actor.login} has no delivery of cable ${cableId}`);
      return row.deliveryId;
    };

    // Carried out in an order that works (a pass before the passee opens what it passed).
    const order: ScenarioExpectation['kind'][] = ['acknowledge', 'pass', 'open', 'reply', 'never'];
    const expectations = [...s.expectations].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    const checked: string[] = [];
    for (const e of expectations) {
      const who = player(e.who);
      const before = denials(who.login);
      switch (e.kind) {
        case 'acknowledge': {
          const cableId = idOf(e.inject);
          expect(
            c.handling.alerts(who).map((x) => x.cableId),
            e.id,
          ).toContain(cableId);
          const row = c.handling.acknowledge(who, deliveryOf(who, cableId));
          expect(row.acknowledgedAt, e.id).not.toBeNull();
          break;
        }
        case 'pass':
          expect(c.routing.pass(who, idOf(e.inject)), e.id).toEqual([e.to]);
          break;
        case 'open':
          expect(c.cables.show(who, idOf(e.inject), 'test').ref, e.id).toBe(r.cables[injectCable(s, e.inject)]!.ref);
          break;
        case 'reply': {
          const released = await releaseReply(c, who, idOf(e.inject));
          const view = c.cables.show(who, released, 'test');
          expect(view.classification, e.id).toBe(e.model.minClassification);
          for (const caption of e.model.captions) {
            expect(loadCableRecord(c.db, released)!.cable.captions, e.id).toContain(caption);
          }
          expect(
            view.references.map((x) => x.text.toUpperCase()),
            e.id,
          ).toContain('TOPOL 578');
          expect(verifyOneCable(c.db, released)?.status, e.id).toBe('VERIFIED');
          break;
        }
        case 'never': {
          // The forbidden act is really refused, and audited as the DENY the score counts.
          expect(e.action, e.id).toBe('access-denied');
          const cableId = e.inject !== undefined ? idOf(e.inject) : firstClosedTo(c, who, s, idOf);
          expect(() => c.cables.show(who, cableId, 'test'), e.id).toThrow(
            expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
          );
          expect(denials(who.login) - before, e.id).toBe(1);
          break;
        }
      }
      // Meeting an expectation never costs a denial.
      if (e.kind !== 'never') expect(denials(who.login) - before, e.id).toBe(0);
      checked.push(e.id);
    }
    expect(checked.sort()).toEqual(s.expectations.map((e) => e.id).sort());
  });

  test('the contingencies are real: each one is sent exactly when its expectation is still unmet', () => {
    const s = JSON.parse(readFileSync(FILE, 'utf8')) as Scenario;
    const contingencies = s.injects.filter((i) => i.unless !== undefined);
    expect(contingencies.map((i) => [i.id, i.unless])).toEqual([
      ['niact-reminder', 'ack-niact-usro'],
      ['pass-reminder', 'pass-niact-usro'],
      ['eyes-only-reminder', 'open-578'],
      ['reply-reminder', 'reply-578'],
    ]);
    // Each is due after its expectation's window has closed, so a trainee who did the work in time
    // never receives it.
    const at = (id: string): number => {
      const inj = s.injects.find((i) => i.id === id)!;
      if (inj.at?.startsWith('+')) return Number(inj.at.slice(1, 3)) * 60 + Number(inj.at.slice(4, 6));
      if (inj.at === '280412Z OCT 62') return 42;
      return at(inj.after!.inject) + inj.after!.delay;
    };
    for (const inj of contingencies) {
      const e = s.expectations.find((x) => x.id === inj.unless)!;
      if (e.kind === 'never') throw new Error('a contingency on a never expectation');
      expect(at(inj.id), inj.id).toBeGreaterThanOrEqual(at(e.inject) + e.within);
    }
  });
});

function injectCable(s: Scenario, injectId: string): string {
  return s.injects.find((i) => i.id === injectId)!.cable;
}

/**
 * For a `never` without an inject: the first inject's cable that `who` may not read, by the same
 * access decision the services ask (no probe, so no audit entry).
 */
function firstClosedTo(c: Core, who: Actor, s: Scenario, idOf: (injectId: string) => number): number {
  for (const inj of s.injects) {
    const id = idOf(inj.id);
    if (!decideAccess(accessSubject(who), accessObjectOf(loadCableRecord(c.db, id)!)).allowed) return id;
  }
  throw new Error(`every cable of the scenario is open to ${who.login}`);
}

/** Finletter's reply to Topol 578: drafted by him, cleared by the duty officer, approved by him. */
async function releaseReply(c: Core, finletter: Actor, topolId: number): Promise<number> {
  const duty = c.users.byLogin('duty-usro');
  const created = c.drafts.create(finletter, { replyTo: topolId });
  // The reply starts from its source (rule 19): SECRET, EYES ONLY, citing Topol 578.
  expect(created.draft.classification).toBe('SECRET');
  expect(created.draft.captions).toEqual(['EYES_ONLY']);
  const draft: Draft = {
    ...created.draft,
    series: 'POLTO',
    eyesOnly: [{ person: 'rusk' }],
    subject: 'Reply to Topol 578 (exercise draft)',
    fileRef: '740.5/10-2862',
    paragraphs: [
      {
        n: null,
        portion: 'S',
        fyi: false,
        text: 'EXERCISE. Topol 578 received. Will brief the Council as instructed and report by immediate telegram.',
      },
    ],
    drafters: ['finletter'],
    clearers: [{ person: 'duty-usro', kind: 'CLEAR' }],
    approver: 'finletter',
    signature: 'FINLETTER',
  };
  let d = c.drafts.save(finletter, created.id, created.revision, draft);
  expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
  d = await c.drafts.submit(finletter, d.id, d.revision, SEED_PASSPHRASE);
  d = await c.drafts.clear(duty, d.id, d.revision, 0, SEED_PASSPHRASE);
  d = await c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
  expect(d.state).toBe('RELEASED');
  return d.releasedCableId!;
}
