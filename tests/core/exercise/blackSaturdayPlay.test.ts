import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { recomputeScore, scoreExercise } from '../../../electron/core/exercise/score';
import type { ExerciseScore } from '../../../electron/domain/exercise/score';
import {
  carelessClass,
  DEPT,
  goodClass,
  injectFacts,
  MIN,
  PARIS,
  playBlackSaturday,
  USRO,
  USUN,
  WHITE_HOUSE,
  writtenInside,
  type PlayOptions,
  type PlayResult,
} from './blackSaturdayPlay';

/**
 * Black Saturday played end to end (issue 10, "Tests that must exist", Core): the shipped scenario
 * (resources/scenarios/black-saturday.json; docs/EXERCISES.md "Black Saturday") started by the
 * instructor on a real SQLite file at a fast clock (60 scenario minutes per real minute, real time
 * driven by the test: see blackSaturdayPlay.ts), its six roles played by scripted trainees through
 * the real services — acknowledge, open, file as read, pass, repeat, a reply drafted, signed
 * (Ed25519), cleared, approved and released, and refused attempts to open Eyes Only traffic — by a
 * GOOD class and a CARELESS class, each scored to the exact numbers worked out by hand below.
 *
 * The scenario, in scenario minutes from 280330Z OCT 62 (the end is +210, 0700Z):
 *
 *   inject                  at      expectations (window in minutes, points, objective)
 *   state-445 (Deptel 445)  0       open-445 finletter (45, 10, reading)
 *   wireless-file (901)     5       open-wireless trainee (30, 10, reading)
 *   niact-usro (902)        10      ack-niact-usro duty (15, 20, night-action);
 *                                   pass-niact-usro duty → Paris (20, 20, routing);
 *                                   open-niact-paris bohlen (60, 10, routing)
 *   niact-usun (907)        12      ack-niact-usun usun (15, 20, night-action)
 *   niact-reminder (903)    30      unless ack-niact-usro
 *   pass-reminder (904)     10+25   unless pass-niact-usro
 *   topol-578               42      open-578 finletter (20, 30, eyes-only);
 *                                   pass-578 duty → Paris, sealed (15, 20, routing);
 *                                   open-578-paris bohlen (60, 10, eyes-only);
 *                                   reply-578 finletter (120, 40, reply)
 *   niact-drill-dept (908)  60      ack-drill-dept ss (15, 20, night-action);
 *                                   pass-drill-dept ss → White House (20, 10, routing)
 *   eyes-only-reminder      42+30   unless open-578
 *   reply-reminder          42+120  unless reply-578
 *   nevers (access-denied): trainee on 578 (20) and 445 (10), duty on 578 (10) and 445 (10), usun
 *   on 578 (10), ss on any cable (10) — all in eyes-only.
 *
 * The scoring rules (EXERCISES.md §4; domain/exercise/scoring.ts and score.ts), applied by hand:
 * - met within w minutes of the inject: all the points; took t with w < t < 2w: points × (2w − t)/w;
 *   never met: 0 (MISSED);
 * - a `never` breach: −points, each time; a pass refused for want of a pass instruction: −½ of
 *   the pass expectation's points (rule 17); each finding against a reply: −¼ of its points, never
 *   more than it earned;
 * - a score = 100 × Σ weight × min(1, points/possible) / Σ weight over the objectives with something
 *   possible (weights: eyes-only 3, reply 3, night-action 2, routing 2, reading 1), plus 100 × the
 *   points (penalties) of the objectives with nothing possible / all the points possible — so a
 *   breach counts even where its objective holds nothing for that person; rounded to 0.01.
 *
 * What is possible, per trainee: finletter 10 + 30 + 40 = 80 (reading 10, eyes-only 30, reply 40);
 * duty-usro 20 + 20 + 20 = 60 (night-action 20, routing 40); trainee 10 (reading); bohlen 10 + 10 =
 * 20 (routing 10, eyes-only 10); ss-officer 20 + 10 = 30 (night-action 20, routing 10); usun-watch 20
 * (night-action). The exercise: 220 (eyes-only 40, night-action 60, routing 60, reply 40, reading 20).
 */

type Line = [
  trainee: string,
  expectation: string,
  verdict: string,
  points: number,
  possible: number,
  rule: number | null,
  minute: number | null,
];

type Expected = Readonly<{
  ticks: ReadonlyArray<Readonly<{ minute: number; fired: string[]; skipped: string[]; ended: boolean }>>;
  journal: Array<[string, number, string]>;
  skips: Array<[string, string | null]>;
  lines: Line[];
  trainees: Array<[login: string, points: number, possible: number, score: number]>;
  posts: Array<[post: string, points: number, possible: number, score: number]>;
  objectives: Array<[id: string, points: number, possible: number, achieved: boolean]>;
  total: Readonly<{ points: number; possible: number; score: number }>;
  deliveries: Record<string, Record<string, number>>;
}>;

/** Topol 578 reaches USRO, Paris (the duty officer's sealed pass), USUN and the 13 other NATO capitals. */
const TOPOL_578_DELIVERIES = { DIRECT: 1, PASS: 1, REPEAT: 14 };

const GOOD: Expected = {
  // The contingencies never fire: each one's expectation was met before it came due.
  ticks: [
    { minute: 5, fired: ['wireless-file'], skipped: [], ended: false },
    { minute: 10, fired: ['niact-usro'], skipped: [], ended: false },
    { minute: 12, fired: ['niact-usun'], skipped: [], ended: false },
    { minute: 30, fired: [], skipped: ['niact-reminder'], ended: false },
    { minute: 35, fired: [], skipped: ['pass-reminder'], ended: false },
    { minute: 42, fired: ['topol-578'], skipped: [], ended: false },
    { minute: 60, fired: ['niact-drill-dept'], skipped: [], ended: false },
    { minute: 72, fired: [], skipped: ['eyes-only-reminder'], ended: false },
    { minute: 162, fired: [], skipped: ['reply-reminder'], ended: false },
    { minute: 210, fired: [], skipped: [], ended: true },
  ],
  journal: [
    ['state-445', 0, 'SCHEDULE'],
    ['wireless-file', 5, 'SCHEDULE'],
    ['niact-usro', 10, 'SCHEDULE'],
    ['niact-usun', 12, 'SCHEDULE'],
    ['topol-578', 42, 'SCHEDULE'],
    ['niact-drill-dept', 60, 'SCHEDULE'],
  ],
  skips: [
    ['niact-reminder', 'unless'],
    ['pass-reminder', 'unless'],
    ['eyes-only-reminder', 'unless'],
    ['reply-reminder', 'unless'],
  ],
  // Every act inside its window: all the points (minute of the act last).
  lines: [
    ['finletter', 'open-445', 'MET', 10, 10, null, 3], // took 3 ≤ 45
    ['trainee', 'open-wireless', 'MET', 10, 10, null, 8], // took 3 ≤ 30
    ['duty-usro', 'ack-niact-usro', 'MET', 20, 20, null, 11], // took 1 ≤ 15
    ['duty-usro', 'pass-niact-usro', 'MET', 20, 20, null, 12], // took 2 ≤ 20
    ['bohlen', 'open-niact-paris', 'MET', 10, 10, null, 20], // took 10 ≤ 60
    ['usun-watch', 'ack-niact-usun', 'MET', 20, 20, null, 13], // took 1 ≤ 15
    ['finletter', 'open-578', 'MET', 30, 30, null, 45], // took 3 ≤ 20
    ['duty-usro', 'pass-578', 'MET', 20, 20, null, 47], // sealed, from the envelope: took 5 ≤ 15
    ['bohlen', 'open-578-paris', 'MET', 10, 10, null, 50], // took 8 ≤ 60
    ['finletter', 'reply-578', 'MET', 40, 40, null, 58], // released at 58: took 16 ≤ 120
    ['ss-officer', 'ack-drill-dept', 'MET', 20, 20, null, 62], // took 2 ≤ 15
    ['ss-officer', 'pass-drill-dept', 'MET', 10, 10, null, 63], // took 3 ≤ 20
    ['trainee', 'trainee-never-578', 'MET', 0, 0, null, null],
    ['trainee', 'trainee-never-445', 'MET', 0, 0, null, null],
    ['duty-usro', 'duty-never-578', 'MET', 0, 0, null, null],
    ['duty-usro', 'duty-never-445', 'MET', 0, 0, null, null],
    ['usun-watch', 'usun-never-578', 'MET', 0, 0, null, null],
    ['ss-officer', 'ss-never-denied', 'MET', 0, 0, null, null],
  ],
  trainees: [
    ['finletter', 80, 80, 100],
    ['duty-usro', 60, 60, 100],
    ['trainee', 10, 10, 100],
    ['bohlen', 20, 20, 100],
    ['ss-officer', 30, 30, 100],
    ['usun-watch', 20, 20, 100],
  ],
  posts: [
    [USRO, 150, 150, 100],
    [PARIS, 20, 20, 100],
    [DEPT, 30, 30, 100],
    [USUN, 20, 20, 100],
  ],
  objectives: [
    ['eyes-only', 40, 40, true],
    ['night-action', 60, 60, true],
    ['routing', 60, 60, true],
    ['reply', 40, 40, true],
    ['reading', 20, 20, true],
  ],
  total: { points: 220, possible: 220, score: 100 },
  deliveries: {
    'state-445': { DIRECT: 1 }, // USRO only (deliverTo)
    'wireless-file': { DIRECT: 1 },
    'niact-usro': { DIRECT: 1, PASS: 1 }, // and the duty officer's pass to Paris
    'niact-usun': { DIRECT: 1 },
    'topol-578': TOPOL_578_DELIVERIES,
    'niact-drill-dept': { DIRECT: 1, PASS: 1, REPEAT: 1 }, // S/S's pass to the White House, repeat to USUN
  },
};

/*
 * The CARELESS class, act by act (minute; took = minute − the inject's minute):
 *   31 duty acknowledges 902 (10):      took 21, w 15 → 20 × (30 − 21)/15 = 12 LATE; the 903 reminder
 *                                        fired at 30 (not yet acknowledged)
 *   —  duty never carries out the pass:  pass-niact-usro 0 MISSED; the 904 reminder fires at 35;
 *                                        Paris never gets 902, so open-niact-paris 0 MISSED
 *   36 usun acknowledges 907 (12):      took 24, w 15 → 20 × (30 − 24)/15 = 8 LATE
 *   45 trainee asks for "TOPOL 578":    DENY (CLEARANCE; rule 18) → −20
 *   50 trainee opens 901 (5):           took 45, w 30 → 10 × (60 − 45)/30 = 5 LATE
 *   68 duty passes 578 (42), sealed:    took 26, w 15 → 20 × (30 − 26)/15 = 5.33 LATE; Paris gets it
 *   74 finletter opens 578 (42):        took 32, w 20 → 30 × (40 − 32)/20 = 12 LATE; the 905 reminder
 *                                        fired at 72 (not yet opened)
 *   78 ss acknowledges 908 (60):        took 18, w 15 → 20 × (30 − 18)/15 = 16 LATE
 *   80 duty tries 578:                  DENY (EYES_ONLY; rule 14) → −10
 *   81 finletter opens 445 (0):         took 81, w 45 → 10 × (90 − 81)/45 = 2 LATE
 *   85 usun tries 578 (its repeat):     DENY (EYES_ONLY; rule 14) → −10
 *   90 ss passes 908 to the White House: took 30, w 20 → 10 × (40 − 30)/20 = 5 LATE
 *   95 ss passes 908 again:             refused, nothing left to pass (rule 17) → −½ × 10 = −5
 *  100 trainee asks for "TOPOL 578":    DENY again → −20
 *  114 bohlen opens 578 at Paris (42):  took 72, w 60 → 10 × (120 − 72)/60 = 8 LATE
 *  165 finletter's reply released (42): took 123, w 120 → 40 × (240 − 123)/120 = 39 LATE; the 906
 *                                        reminder fired at 162; CONFIDENTIAL (< SECRET) −10 and no
 *                                        EYES ONLY −10 (¼ × 40 each; rule 19) → 19 net
 *
 * Per trainee (points / possible; score over the objectives with something possible, less the
 * penalties of the objectives with nothing possible against all the trainee's possible points):
 *   finletter  2 + 12 + 39 − 10 − 10 = 33 / 80; reading 2/10, eyes-only 12/30, reply 19/40
 *              → 100 × (1 × 0.2 + 3 × 0.4 + 3 × 0.475)/7 = 40.357… → 40.36
 *   duty-usro  12 + 0 + 5.33 − 10 = 7.33 / 60; night-action 12/20, routing 5.33/40 → 100 × (2 × 0.6 +
 *              2 × 0.13325)/4 = 36.66; eyes-only −10 with nothing possible: − 100 × 10/60 = −16.67 → 20
 *   trainee    5 − 20 − 20 = −35 / 10; reading 5/10 → 50; eyes-only −40 with nothing possible:
 *              − 100 × 40/10 = −400 → −350 (it was 50 while such penalties were left out)
 *   bohlen     0 + 8 = 8 / 20; routing 0/10, eyes-only 8/10 → 100 × (0 + 3 × 0.8)/5 = 48
 *   ss-officer 16 + 5 − 5 = 16 / 30; night-action 16/20, routing 0/10 → 100 × (2 × 0.8 + 0)/4 = 40
 *   usun-watch 8 − 10 = −2 / 20; night-action 8/20 → 40; eyes-only −10 with nothing possible:
 *              − 100 × 10/20 = −50 → −10
 * Per post: USRO (finletter, duty, trainee) 33 + 7.33 − 35 = 5.33 / 150; by objective reading 7/20,
 *   eyes-only 12 − 10 − 40 = −38/30, reply 19/40, night-action 12/20, routing 5.33/40 → 100 × (0.35 −
 *   3 × 38/30 + 3 × 0.475 + 2 × 0.6 + 2 × 0.13325)/11 = 100 × −0.5585/11 = −5.08 (Finletter's open-578 makes
 *   eyes-only possible at USRO: its penalties are inside its share); Paris, the Department and
 *   USUN as their one trainee (USUN: −10).
 * The exercise, by objective: eyes-only 12 + 8 − 40 − 10 − 10 = −40/40 (−1), night-action 12 + 8 +
 *   16 = 36/60, routing 0 + 0 + 5.33 + 5 − 5 = 5.33/60, reply 19/40, reading 2 + 5 = 7/20; points
 *   27.33 / 220; score 100 × (3 × −1 + 2 × 0.6 + 2 × 5.33/60 + 3 × 0.475 + 1 × 0.35)/11 =
 *   100 × 0.15267/11 = 1.387… → 1.39.
 */
const CARELESS: Expected = {
  // Every contingency fires, each at its own time.
  ticks: [
    { minute: 5, fired: ['wireless-file'], skipped: [], ended: false },
    { minute: 10, fired: ['niact-usro'], skipped: [], ended: false },
    { minute: 12, fired: ['niact-usun'], skipped: [], ended: false },
    { minute: 30, fired: ['niact-reminder'], skipped: [], ended: false },
    { minute: 35, fired: ['pass-reminder'], skipped: [], ended: false },
    { minute: 42, fired: ['topol-578'], skipped: [], ended: false },
    { minute: 60, fired: ['niact-drill-dept'], skipped: [], ended: false },
    { minute: 72, fired: ['eyes-only-reminder'], skipped: [], ended: false },
    { minute: 162, fired: ['reply-reminder'], skipped: [], ended: false },
    { minute: 210, fired: [], skipped: [], ended: true },
  ],
  journal: [
    ['state-445', 0, 'SCHEDULE'],
    ['wireless-file', 5, 'SCHEDULE'],
    ['niact-usro', 10, 'SCHEDULE'],
    ['niact-usun', 12, 'SCHEDULE'],
    ['niact-reminder', 30, 'SCHEDULE'],
    ['pass-reminder', 35, 'SCHEDULE'],
    ['topol-578', 42, 'SCHEDULE'],
    ['niact-drill-dept', 60, 'SCHEDULE'],
    ['eyes-only-reminder', 72, 'SCHEDULE'],
    ['reply-reminder', 162, 'SCHEDULE'],
  ],
  skips: [],
  lines: [
    ['finletter', 'open-445', 'LATE', 2, 10, null, 81],
    ['trainee', 'open-wireless', 'LATE', 5, 10, null, 50],
    ['duty-usro', 'ack-niact-usro', 'LATE', 12, 20, null, 31],
    ['duty-usro', 'pass-niact-usro', 'MISSED', 0, 20, null, null],
    ['bohlen', 'open-niact-paris', 'MISSED', 0, 10, null, null],
    ['usun-watch', 'ack-niact-usun', 'LATE', 8, 20, null, 36],
    ['finletter', 'open-578', 'LATE', 12, 30, null, 74],
    ['duty-usro', 'pass-578', 'LATE', 5.33, 20, null, 68],
    ['bohlen', 'open-578-paris', 'LATE', 8, 10, null, 114],
    ['finletter', 'reply-578', 'LATE', 39, 40, null, 165],
    ['finletter', 'reply-578', 'BROKEN', -10, 0, 19, 165],
    ['finletter', 'reply-578', 'BROKEN', -10, 0, 19, 165],
    ['ss-officer', 'ack-drill-dept', 'LATE', 16, 20, null, 78],
    ['ss-officer', 'pass-drill-dept', 'LATE', 5, 10, null, 90],
    ['ss-officer', 'pass-drill-dept', 'BROKEN', -5, 0, 17, 95],
    ['trainee', 'trainee-never-578', 'BROKEN', -20, 0, 18, 45],
    ['trainee', 'trainee-never-578', 'BROKEN', -20, 0, 18, 100],
    ['trainee', 'trainee-never-445', 'MET', 0, 0, null, null],
    ['duty-usro', 'duty-never-578', 'BROKEN', -10, 0, 14, 80],
    ['duty-usro', 'duty-never-445', 'MET', 0, 0, null, null],
    ['usun-watch', 'usun-never-578', 'BROKEN', -10, 0, 14, 85],
    // The refused second pass is no access denial (reason: no pass instruction): no breach here.
    ['ss-officer', 'ss-never-denied', 'MET', 0, 0, null, null],
  ],
  trainees: [
    ['finletter', 33, 80, 40.36],
    ['duty-usro', 7.33, 60, 20],
    ['trainee', -35, 10, -350],
    ['bohlen', 8, 20, 48],
    ['ss-officer', 16, 30, 40],
    ['usun-watch', -2, 20, -10],
  ],
  posts: [
    [USRO, 5.33, 150, -5.08],
    [PARIS, 8, 20, 48],
    [DEPT, 16, 30, 40],
    [USUN, -2, 20, -10],
  ],
  objectives: [
    ['eyes-only', -40, 40, false],
    ['night-action', 36, 60, false],
    ['routing', 5.33, 60, false],
    ['reply', 19, 40, false],
    ['reading', 7, 20, false],
  ],
  total: { points: 27.33, possible: 220, score: 1.39 },
  deliveries: {
    'state-445': { DIRECT: 1 },
    'wireless-file': { DIRECT: 1 },
    'niact-usro': { DIRECT: 1 }, // never passed: Paris has nothing
    'niact-usun': { DIRECT: 1 },
    'niact-reminder': { DIRECT: 1 },
    'pass-reminder': { DIRECT: 1 },
    'topol-578': TOPOL_578_DELIVERIES,
    'niact-drill-dept': { DIRECT: 1, PASS: 1 },
    'eyes-only-reminder': { DIRECT: 1 },
    'reply-reminder': { DIRECT: 1 },
  },
};

/** The scenario DTG of each inject's cable is its own fire time (0330Z + its minute). */
const INJECT_CABLES: Record<string, [ref: string, dtg: string]> = {
  'state-445': ['STATE 445 TO ANKARA', '280330Z OCT 62'],
  'wireless-file': ['TOPOL 901', '280335Z OCT 62'],
  'niact-usro': ['TOPOL 902', '280340Z OCT 62'],
  'niact-usun': ['STATE 907 TO USUN', '280342Z OCT 62'],
  'niact-reminder': ['TOPOL 903', '280400Z OCT 62'],
  'pass-reminder': ['TOPOL 904', '280405Z OCT 62'],
  'topol-578': ['TOPOL 578', '280412Z OCT 62'],
  'niact-drill-dept': ['LONDON 908', '280430Z OCT 62'],
  'eyes-only-reminder': ['TOPOL 905', '280442Z OCT 62'],
  'reply-reminder': ['TOPOL 906', '280612Z OCT 62'],
};

const CLASSES = [
  {
    name: 'GOOD',
    acts: goodClass,
    expected: GOOD,
    // Acknowledgements and passes at their scenario minutes (0330Z + minute).
    acks: [
      ['TOPOL 902', USRO, '1962-10-28T03:41:00.000Z'],
      ['STATE 907 TO USUN', USUN, '1962-10-28T03:43:00.000Z'],
      ['LONDON 908', DEPT, '1962-10-28T04:32:00.000Z'],
    ],
    passes: [
      ['TOPOL 902', PARIS, '1962-10-28T03:42:00.000Z'],
      // The duty officer's sealed pass of Topol 578, five minutes after it came in.
      ['TOPOL 578', PARIS, '1962-10-28T04:17:00.000Z'],
      ['LONDON 908', WHITE_HOUSE, '1962-10-28T04:33:00.000Z'],
    ],
    reply: {
      dtg: '280428Z OCT 62',
      sentAt: '1962-10-28T04:28:00.000Z',
      classification: 'SECRET',
      captions: ['EYES_ONLY'],
    },
    // The GOOD class is down from minute 20 to 44: the reminders due at 30 and 35 are skipped
    // and Topol 578 (42) fires on the first tick after the restart.
    restart: { closeAfter: 20, reopenAt: 44 },
    catchUp: { minute: 44, fired: ['topol-578'], skipped: ['niact-reminder', 'pass-reminder'], ended: false },
  },
  {
    name: 'CARELESS',
    acts: carelessClass,
    expected: CARELESS,
    acks: [
      ['TOPOL 902', USRO, '1962-10-28T04:01:00.000Z'],
      ['STATE 907 TO USUN', USUN, '1962-10-28T04:06:00.000Z'],
      ['LONDON 908', DEPT, '1962-10-28T04:48:00.000Z'],
    ],
    passes: [
      ['TOPOL 578', PARIS, '1962-10-28T04:38:00.000Z'],
      ['LONDON 908', WHITE_HOUSE, '1962-10-28T05:00:00.000Z'],
    ],
    reply: { dtg: '280615Z OCT 62', sentAt: '1962-10-28T06:15:00.000Z', classification: 'CONFIDENTIAL', captions: [] },
    // Down from minute 50 to 66: London 908 (60) fires on the catch-up, at its own DTG.
    restart: { closeAfter: 50, reopenAt: 66 },
    catchUp: { minute: 66, fired: ['niact-drill-dept'], skipped: [], ended: false },
  },
] as const;

/** The live score equals the one rebuilt from the trail, after every minute anybody acted. */
const liveEqualsRecomputed: NonNullable<PlayOptions['check']> = (p, _minute, realNowMs) => {
  expect(scoreExercise(p.core.db, p.exerciseId, { realNowMs })).toEqual(
    recomputeScore(p.core.db, p.exerciseId, { realNowMs }),
  );
};

function scoreShape(s: ExerciseScore) {
  return {
    lines: s.lines.map((l): Line => [
      l.trainee,
      l.expectation,
      l.verdict,
      l.points,
      l.possible,
      l.rule,
      l.atMs === null ? null : l.atMs / MIN,
    ]),
    trainees: s.trainees.map((t) => [t.login, t.points, t.possible, t.score]),
    posts: s.posts.map((p) => [p.post, p.points, p.possible, p.score]),
    objectives: s.objectives.map((o) => [o.id, o.points, o.possible, o.achieved]),
    total: { points: s.points, possible: s.possible, score: s.score },
  };
}

/** Each line's audit entries are the trainee's own acts, of the kind the line is about. */
function checkAuditSeqs(r: PlayResult): void {
  const entry = r.core.db.prepare('SELECT action, actor_login FROM audit_log WHERE seq = ?');
  const kinds: Record<string, string[]> = {
    open: ['VIEW'],
    acknowledge: ['ACK'],
    pass: ['PASS', 'DENY'],
    reply: ['DRAFT', 'SIGN', 'RELEASE'],
    never: ['DENY'],
  };
  for (const l of r.live.lines) {
    for (const seq of l.auditSeqs) {
      const e = entry.get(seq) as { action: string; actor_login: string };
      expect(e.actor_login, `${l.expectation} ${seq}`).toBe(l.trainee);
      expect(kinds[l.kind], `${l.expectation} ${seq}`).toContain(e.action);
    }
    // A line that earned or cost something names the entries behind it.
    if (l.points !== 0) expect(l.auditSeqs.length, l.expectation).toBeGreaterThan(0);
  }
}

describe.each(CLASSES)('Black Saturday played by the $name class', (cls) => {
  // One uninterrupted play per class, shared by its tests (each play takes a couple of seconds).
  const plays: PlayResult[] = [];
  let straight: PlayResult;
  beforeAll(async () => {
    // Only Date: timers, scrypt and SQLite stay real (blackSaturdayPlay.ts).
    vi.useFakeTimers({ toFake: ['Date'] });
    straight = await playBlackSaturday(cls.acts(), { check: liveEqualsRecomputed });
    plays.push(straight);
  });
  afterAll(() => {
    while (plays.length > 0) plays.pop()!.dispose();
    vi.useRealTimers();
  });

  test('exact scores per trainee, post, objective and in total; the contingencies; live = recomputed', () => {
    const r = straight;
    const e = cls.expected;

    expect(r.ticks).toEqual(e.ticks);
    const injects = injectFacts(r);
    expect(injects.journal).toEqual(e.journal);
    expect(injects.skips).toEqual(e.skips);
    expect(injects.rows).toEqual(e.journal.map(([inject]) => [inject, ...INJECT_CABLES[inject]!]));
    expect(injects.deliveries).toEqual(e.deliveries);
    expect(injects.twice).toEqual([]);

    expect(r.live.status).toBe('ENDED');
    expect(scoreShape(r.live)).toEqual({
      lines: e.lines,
      trainees: e.trainees,
      posts: e.posts,
      objectives: e.objectives,
      total: e.total,
    });
    checkAuditSeqs(r);
    // `exercise score --recompute`: the same score from the audit trail alone, to the last field.
    expect(r.recomputed).toEqual(r.live);
  });

  test('every DTG and time written inside the exercise is the 1962 scenario’s; the audit keeps real time', () => {
    const r = straight;
    const { dtgs, times, mrnYears, auditAts } = writtenInside(r);
    // Within the night: 280330Z to 280700Z OCT 62.
    expect(dtgs.length).toBeGreaterThan(0);
    for (const d of dtgs) {
      expect(d.value, d.where).toMatch(/^28(0[3-6]\d\d|0700)Z OCT 62$/);
      expect(d.value >= '280330Z OCT 62', d.where).toBe(true);
    }
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) {
      expect(t.value, t.where).toMatch(/^1962-10-28T0[3-7]:\d\d:00\.000Z$/);
      expect(t.value >= '1962-10-28T03:30:00.000Z' && t.value <= '1962-10-28T07:00:00.000Z', t.where).toBe(true);
    }
    // The release's MRN year is the scenario's.
    expect(mrnYears).toEqual([1962]);
    // The audit trail keeps real time (the trail's anchor and chain are about real time).
    for (const at of auditAts) expect(at.startsWith('1962'), at).toBe(false);

    // The exact times of the acts that matter.
    const db = r.core.db;
    expect(
      db
        .prepare(
          `SELECT c.ref, s.plad, d.ack_at FROM deliveries d JOIN cables c ON c.id = d.cable_id
            JOIN stations s ON s.id = d.station_id WHERE c.exercise_id = ? AND d.ack_at IS NOT NULL ORDER BY d.ack_at`,
        )
        .raw()
        .all(r.exerciseId),
    ).toEqual(cls.acks);
    expect(
      db
        .prepare(
          `SELECT c.ref, s.plad, p.executed_at FROM pass_instructions p JOIN transmissions t ON t.id = p.transmission_id
            JOIN cables c ON c.id = t.cable_id JOIN stations s ON s.id = p.to_station_id
            WHERE c.exercise_id = ? AND p.status = 'DONE' ORDER BY p.executed_at`,
        )
        .raw()
        .all(r.exerciseId),
    ).toEqual(cls.passes);
    expect(r.released).toHaveLength(1);
    const reply = db
      .prepare('SELECT ref, dtg, sent_at, classification, captions, mrn_station, mrn_year FROM cables WHERE id = ?')
      .get(r.released[0]) as Record<string, unknown>;
    expect(reply).toEqual({
      ref: expect.stringMatching(/^POLTO \d+$/) as unknown,
      dtg: cls.reply.dtg,
      sent_at: cls.reply.sentAt,
      classification: cls.reply.classification,
      captions: JSON.stringify(cls.reply.captions),
      mrn_station: 'USNATO',
      mrn_year: 1962,
    });
  });

  test('a restart in the middle loses no inject, delivers none twice, and changes no score', async () => {
    const restarted = await playBlackSaturday(cls.acts(), { restart: cls.restart, check: liveEqualsRecomputed });
    plays.push(restarted);

    // The first tick after the restart catches up, each inject at its own time.
    expect(restarted.ticks).toEqual(
      [
        ...cls.expected.ticks.filter((t) => t.minute <= cls.restart.closeAfter || t.minute > cls.catchUp.minute),
        cls.catchUp,
      ].sort((a, b) => a.minute - b.minute),
    );
    const facts = injectFacts(restarted);
    // One EXERCISE_INJECT entry, one exercise_injects row and one cable per inject, at its own DTG…
    expect(facts.journal).toEqual(cls.expected.journal);
    expect(facts.skips).toEqual(cls.expected.skips);
    expect(facts.rows).toEqual(cls.expected.journal.map(([inject]) => [inject, ...INJECT_CABLES[inject]!]));
    expect(
      restarted.core.db.prepare('SELECT count(*) FROM cables WHERE exercise_id = ?').pluck().get(restarted.exerciseId),
    ).toBe(cls.expected.journal.length);
    // …and delivered once to each post.
    expect(facts.deliveries).toEqual(cls.expected.deliveries);
    expect(facts.twice).toEqual([]);
    expect(facts).toEqual(injectFacts(straight));

    // The same scores as the uninterrupted run, to the last field (ids and audit sequence numbers
    // included: a restart writes nothing to the trail).
    expect(scoreShape(restarted.live)).toEqual(scoreShape(straight.live));
    expect(restarted.live).toEqual(straight.live);
    expect(restarted.recomputed).toEqual(restarted.live);
    expect(writtenInside(restarted).times.map((t) => [t.where, t.value])).toEqual(
      writtenInside(straight).times.map((t) => [t.where, t.value]),
    );
    expect(restarted.core.audit.verify()).toMatchObject({ ok: true });
  });
});
