import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { insertLiveExercise } from './engineSupport';
import { cableInputSchema } from '../../../electron/contract/cableInput';
import { createCoreClock } from '../../../electron/core/clock';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { insertCable } from '../../../electron/core/store/cableWriter';
import type { Draft } from '../../../electron/domain/draft';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

/**
 * The core clock (issue 10 item 2; EXERCISES.md §3): while an exercise runs or is paused every time
 * the services write is scenario time — acknowledgements, files as read, passes, repeats, drafts,
 * a release's DTG and MRN year — and the audit entries keep real time. Outside an exercise, and
 * when a test passes `now`, nothing changes.
 */
const core = seededCoreFixture();
const EXAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

/** The scenario starts at 271800Z OCT 62. */
const START = '1962-10-27T18:00:00.000Z';
const startMs = Date.parse(START);

function row(c: SeededCore, login: string, ref: string) {
  const found = c.inbox.list(c.users.byLogin(login), { limit: 100 }).rows.find((r) => r.ref === ref);
  if (!found) throw new Error(`${ref} not in ${login}'s inbox`);
  return found;
}

const realYear = String(new Date().getUTCFullYear());

describe('the core clock', () => {
  test('real time without an exercise; start + (real − anchor) × rate while running; frozen while paused', () => {
    const c = core();
    let real = 1_000_000;
    const clock = createCoreClock(c.db, () => real);
    expect(clock.now().getTime()).toBe(1_000_000);
    const id = insertLiveExercise(c, { start: START, rate: 10, anchorRealMs: real, status: 'RUNNING' });
    real += 60_000; // one real minute at rate 10: ten scenario minutes
    expect(clock.now().toISOString()).toBe('1962-10-27T18:10:00.000Z');
    c.db
      .prepare(
        "UPDATE exercises SET status = 'PAUSED', state = json_set(state, '$.status', 'PAUSED', '$.anchorScenarioMs', 600000, '$.anchorRealMs', ?) WHERE id = ?",
      )
      .run(real, id);
    real += 3_600_000;
    expect(clock.now().toISOString()).toBe('1962-10-27T18:10:00.000Z');
    // The end stops it.
    c.db
      .prepare(
        "UPDATE exercises SET status = 'RUNNING', state = json_set(state, '$.status', 'RUNNING', '$.anchorRealMs', ?) WHERE id = ?",
      )
      .run(real, id);
    real += 24 * 3_600_000;
    expect(clock.now().getTime()).toBe(startMs + 2 * 3_600_000);
    c.db.prepare("UPDATE exercises SET status = 'ENDED', ended_at = 'x' WHERE id = ?").run(id);
    expect(clock.now().getTime()).toBe(real);
  });

  test('acknowledge, file as read, pass and repeat write scenario times; the audit keeps real time', () => {
    const c = core();
    insertLiveExercise(c, { start: START, rate: 1, anchorRealMs: Date.now(), status: 'RUNNING' });
    const duty = c.users.byLogin('duty-usro');
    const flash = row(c, 'duty-usro', 'TOPOL 590');
    const acked = c.handling.acknowledge(duty, flash.deliveryId);
    expect(acked.acknowledgedAt).toMatch(/^1962-10-27T18:0/);
    const read = c.handling.markRead(duty, flash.deliveryId);
    expect(
      c.db.prepare('SELECT read_at FROM delivery_reads WHERE delivery_id = ?').pluck().get(read.deliveryId),
    ).toMatch(/^1962-10-27T18:0/);
    const ats = c.db.prepare("SELECT at FROM audit_log WHERE action IN ('ACK', 'READ')").pluck().all() as string[];
    expect(ats.map((a) => a.slice(0, 4))).toEqual([realYear, realYear]);

    const id = insertCable(
      c.db,
      cableInputSchema.parse({
        ref: 'STATE 4301',
        profile: 'FRUS_1960S',
        dtg: '271700Z OCT 62',
        originator: { plad: 'SECSTATE WASHDC' },
        classification: 'CONFIDENTIAL',
        subject: 'Council briefing',
        drafting: [
          { role: 'DRAFTED', person: 'instructor' },
          { role: 'APPROVED', person: 'ball' },
        ],
        transmission: {
          addressees: [{ plad: 'USMISSION USNATO', role: 'ACTION' }],
          passes: [{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS', status: 'PENDING' }],
        },
        paragraphs: [{ n: null, portion: 'C', text: 'Brief the Council.' }],
      }),
    );
    expect(c.routing.pass(duty, id)).toEqual(['AMEMBASSY PARIS']);
    const paris = c.db
      .prepare("SELECT delivered_at, arrived_at FROM deliveries WHERE cable_id = ? AND via = 'PASS'")
      .get(id) as { delivered_at: string; arrived_at: string };
    expect(paris.delivered_at).toMatch(/^1962-10-27T18:0/);
    expect(paris.arrived_at.slice(0, 4)).toBe(realYear);
    // The passed cable is on top of Paris's inbox, above the archive's later 1962 DTGs.
    expect(c.inbox.list(c.users.byLogin('bohlen'), { limit: 1 }).rows[0]?.ref).toBe('STATE 4301');

    c.routing.repeat(c.users.byLogin('rusk'), id, { to: ['AMEMBASSY BONN'] });
    const repeat = c.db
      .prepare("SELECT dtg, sent_at FROM transmissions WHERE cable_id = ? AND kind = 'REPEAT'")
      .get(id) as { dtg: string; sent_at: string };
    expect(repeat.dtg).toMatch(/^2718\d\dZ OCT 62$/);
    expect(
      (c.db.prepare("SELECT at FROM audit_log WHERE action IN ('PASS', 'REPEAT')").pluck().all() as string[]).map((a) =>
        a.slice(0, 4),
      ),
    ).toEqual([realYear, realYear]);
  });

  test('a release inside an exercise has a scenario DTG and MRN year; drafts record scenario times', async () => {
    const c = core();
    insertLiveExercise(c, { start: START, rate: 1, anchorRealMs: Date.now(), status: 'RUNNING' });
    const duty = c.users.byLogin('duty-usro');
    const finletter = c.users.byLogin('finletter');
    const created = c.drafts.create(duty, {});
    let d = c.drafts.save(duty, created.id, created.revision, { ...EXAMPLE, series: null });
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    d = await c.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
    d = await c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
    expect(d.state).toBe('RELEASED');
    const cable = c.db
      .prepare('SELECT ref, dtg, mrn_station, mrn_year, created_at FROM cables WHERE id = ?')
      .get(d.releasedCableId) as { ref: string; dtg: string; mrn_year: number; created_at: string };
    expect(cable.dtg).toMatch(/^2718\d\dZ OCT 62$/);
    expect(cable.mrn_year).toBe(1962);
    expect(cable.created_at).toMatch(/^1962-10-27/);
    const draft = c.db.prepare('SELECT created_at, updated_at FROM drafts WHERE id = ?').get(d.id) as {
      created_at: string;
      updated_at: string;
    };
    expect(draft.created_at).toMatch(/^1962-10-27/);
    expect(draft.updated_at).toMatch(/^1962-10-27/);
    const signed = c.db
      .prepare('SELECT signed_at FROM cable_signatures WHERE cable_id = ? ORDER BY ordinal')
      .pluck()
      .all(d.releasedCableId) as string[];
    expect(signed.every((s) => s.startsWith('1962-10-27'))).toBe(true);
    const release = c.audit.list({ action: 'RELEASE', limit: 1 })[0]!;
    expect(release.at.slice(0, 4)).toBe(realYear);
    expect(release.detail).toMatchObject({ dtg: cable.dtg });
    // The released reply is at the top of the Department's inbox, though dated 1962.
    expect(c.inbox.list(c.users.byLogin('rusk'), { limit: 1 }).rows[0]?.ref).toBe(cable.ref);
  });

  test('outside an exercise, and with an explicit time, nothing changes', () => {
    const c = core();
    const duty = c.users.byLogin('duty-usro');
    const flash = row(c, 'duty-usro', 'TOPOL 590');
    const at = new Date('1962-10-29T02:35:00Z');
    insertLiveExercise(c, { start: START, rate: 1, anchorRealMs: Date.now(), status: 'RUNNING' });
    expect(c.handling.acknowledge(duty, flash.deliveryId, at).acknowledgedAt).toBe('1962-10-29T02:35:00.000Z');
    expect(c.audit.list({ action: 'ACK', limit: 1 })[0]!.at).toBe('1962-10-29T02:35:00.000Z');
    c.db.prepare("UPDATE exercises SET status = 'ENDED', ended_at = 'x'").run();
    const welcome = row(c, 'duty-usro', 'TOPOL 592');
    c.handling.markRead(duty, welcome.deliveryId);
    expect(
      (
        c.db
          .prepare('SELECT read_at FROM delivery_reads WHERE delivery_id = ?')
          .pluck()
          .get(welcome.deliveryId) as string
      ).slice(0, 4),
    ).toBe(realYear);
  });
});
