import type { CableInput, CableInputAddressee } from '../electron/core/cables/cableInput';
import type { Caption, DissemControl } from '../electron/domain/captions';
import type { Classification, PortionMark } from '../electron/domain/classification';
import { formatDtg } from '../electron/domain/dtg';
import type { Precedence } from '../electron/domain/precedence';

/**
 * Deterministic synthetic cables for the benchmark. Traffic is shaped so that the USRO
 * (USMISSION USNATO) inbox grows with N: about 85% of the cables reach USRO, most of them as
 * the action addressee. Texts draw on a fixed word list with a Zipf-like distribution, so the
 * full-text index holds common, middling and rare terms.
 */

/** The post whose inbox the benchmark pages through, and a user there (a principal, TOP SECRET). */
export const BENCH_STATION = 'USMISSION USNATO';
export const BENCH_LOGIN = 'finletter';
/** A second USRO user who is neither principal nor named: NODIS/EXDIS rows are filtered out for them. */
export const BENCH_LOGIN_FILTERED = 'duty-usro';

/** mulberry32: a small seeded PRNG, so every run generates the same cables. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The vocabulary, most frequent first: word k is drawn with probability ∝ 1/(k+1). The FTS
 * queries of the benchmark pick terms at known ranks (see `FTS_QUERIES`).
 */
export const WORDS: ReadonlyArray<string> = `
  the of and to in council soviet government ambassador minister
  nato mission position allies secretary question meeting missile berlin cuba
  proposal talks treaty assurances consultation permanent representatives quarantine bases turkey
  italy jupiter withdrawal inspection verification statement communique delegation instructions reply
  urgent confidential discussion foreign office embassy press reaction public opinion
  military committee standing group shape norstad forces alert readiness nuclear
  stockpile warheads medium range ballistic submarine polaris mediterranean fleet naval
  blockade shipping tanker freighter interception aerial reconnaissance photographs sites launchers
  bombers ilyushin dismantling crates observers thant secretariat general assembly resolution
  security veto khrushchev letter message broadcast moscow radio tass pravda
  bonn adenauer paris gaulle london macmillan ottawa diefenbaker ankara inonu
  rome fanfani athens karamanlis hague luns brussels spaak oslo lange
  copenhagen krag lisbon salazar reykjavik luxembourg stikker finletter rusk ball
  tyler bundy excomm briefing acheson emissary credentials demarche aide memoire
  note verbale transcript summary record minutes agenda session emergency extraordinary
  guarantee invasion pledge hemisphere organization american states caribbean havana castro
  guantanamo reinforcement evacuation dependents contingency planning live oak autobahn access
  corridor checkpoint wall sector garrison harassment convoy airlift tempelhof gatow
  multilateral force mlf surface ships mixed manning skybolt nassau thor
  deterrent strategy flexible response conventional buildup divisions reserves mobilization budget
  offset payments gold balance trade embargo grain credits cocom licences
  disarmament geneva eighteen nation test ban seismic stations onsite quota
  laos neutrality vietnam congo katanga tshombe cyprus makarios algeria evian
  yugoslavia tito poland gomulka hungary kadar romania albania china peking
  sinkiang himalaya ladakh nehru menon pakistan ayub kashmir indonesia sukarno
  irian malaysia brunei sabah yemen nasser sallal aden faisal hussein
  codeword telegram cipher onetime pad courier pouch diplomatic immunity protocol
  zanzibar tanganyika nyerere ghana nkrumah volta dam aluminum kaiser guinea
  toure mali keita senegal senghor ivory coast houphouet boigny liberia
  tubman firestone rubber plantations ethiopia selassie eritrea kagnew asmara somalia
  ogaden kenya kenyatta mau uganda obote kabaka buganda rwanda burundi
  mwami urundi ruanda tutsi bahutu basutoland bechuanaland swaziland rhodesia welensky
  nyasaland banda zambia kaunda copperbelt katangese gendarmerie mercenaries elisabethville jadotville
  kolwezi kamina leopoldville adoula gizenga stanleyville kivu bukavu albertville kabalo
`
  .trim()
  .split(/\s+/);

/** FTS probes: a very common term, a mid-frequency one, a rare one, an AND of two, a phrase. */
export const FTS_QUERIES: ReadonlyArray<Readonly<{ label: string; match: string }>> = [
  { label: `"${WORDS[5]}" (rank 5, common)`, match: WORDS[5]! },
  { label: `"${WORDS[40]}" (rank 40)`, match: WORDS[40]! },
  { label: `"${WORDS[150]}" (rank 150)`, match: WORDS[150]! },
  { label: `"${WORDS[WORDS.length - 1]}" (rank ${WORDS.length - 1}, rare)`, match: WORDS[WORDS.length - 1]! },
  { label: `${WORDS[17]} AND ${WORDS[19]}`, match: `${WORDS[17]} AND ${WORDS[19]}` },
  { label: `phrase "${WORDS[55]} ${WORDS[56]}"`, match: `"${WORDS[55]} ${WORDS[56]}"` },
];

const CUMULATIVE: Float64Array = (() => {
  const c = new Float64Array(WORDS.length);
  let sum = 0;
  WORDS.forEach((_, k) => {
    sum += 1 / (k + 1);
    c[k] = sum;
  });
  for (let k = 0; k < c.length; k++) c[k]! /= sum;
  return c;
})();

function word(r: () => number): string {
  const x = r();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (CUMULATIVE[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return WORDS[lo]!;
}

function words(r: () => number, min: number, max: number): string[] {
  const n = min + Math.floor(r() * (max - min + 1));
  return Array.from({ length: n }, () => word(r));
}

function pick<T>(r: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  let x = r() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return weighted[weighted.length - 1]![0];
}

const CLASSIFICATION_MIX: ReadonlyArray<readonly [Classification, number]> = [
  ['UNCLASSIFIED', 25],
  ['LOU', 10],
  ['CONFIDENTIAL', 40],
  ['SECRET', 25],
];
const PORTION: Readonly<Record<string, PortionMark>> = { UNCLASSIFIED: 'U', LOU: 'U', CONFIDENTIAL: 'C', SECRET: 'S' };
const PRECEDENCE_MIX: ReadonlyArray<readonly [Precedence, number]> = [
  ['ROUTINE', 70],
  ['PRIORITY', 20],
  ['IMMEDIATE', 8],
  ['FLASH', 2],
];
/** Captions on a few cables; the rest carry none. EYES_ONLY goes with `eyesOnly: principals`. */
const CAPTION_MIX: ReadonlyArray<readonly [Caption[], number]> = [
  [[], 90],
  [['LIMDIS'], 4],
  [['EXDIS'], 3],
  [['NODIS'], 2],
  [['EYES_ONLY'], 1],
];
const ORIGINATORS: ReadonlyArray<readonly [string, number]> = [
  ['SECSTATE WASHDC', 70],
  ['AMEMBASSY PARIS', 8],
  ['AMEMBASSY LONDON', 6],
  ['AMEMBASSY BONN', 6],
  ['AMEMBASSY ANKARA', 4],
  ['AMEMBASSY MOSCOW', 4],
  ['WHITE HOUSE WASHDC', 2],
];
const OTHER_POSTS: ReadonlyArray<string> = [
  'AMEMBASSY PARIS',
  'AMEMBASSY LONDON',
  'AMEMBASSY BONN',
  'AMEMBASSY ROME',
  'AMEMBASSY ANKARA',
  'AMEMBASSY MOSCOW',
  'USMISSION USUN NEW YORK',
];

/** Traffic patterns, by share: who is ACTION, who is INFO. */
type Pattern = 'USRO_ACTION' | 'USRO_ACTION_INFO_POST' | 'USRO_INFO' | 'NATO_CAPITALS' | 'ELSEWHERE';
const PATTERN_MIX: ReadonlyArray<readonly [Pattern, number]> = [
  ['USRO_ACTION', 55],
  ['USRO_ACTION_INFO_POST', 15],
  ['USRO_INFO', 10],
  ['NATO_CAPITALS', 5],
  ['ELSEWHERE', 15],
];

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The DTG clock: one minute per cable, so every DTG (and every delivery time) is distinct and
 * increasing. From 1 Nov 1962 (after the seed's crisis traffic) while the run fits before 2000,
 * where two-digit years stay unambiguous (they parse as 19YY); longer runs start in 2006,
 * where DTGs carry four-digit years.
 */
export function dtgClock(n: number): (i: number) => string {
  const early = Date.UTC(1962, 10, 1);
  const start = early + n * MINUTE_MS < Date.UTC(2000, 0, 1) - DAY_MS ? early : Date.UTC(2006, 0, 1);
  return (i) => formatDtg(new Date(start + i * MINUTE_MS));
}

/** The i-th synthetic cable. `dtg` comes from `dtgClock`. */
export function syntheticCable(i: number, dtg: string): CableInput {
  const r = rng(0x5eed ^ Math.imul(i + 1, 0x9e3779b1));
  const classification = pick(r, CLASSIFICATION_MIX);
  const portion = PORTION[classification]!;
  const precedence = pick(r, PRECEDENCE_MIX);
  const captions = pick(r, CAPTION_MIX);
  const dissem: DissemControl[] =
    classification !== 'UNCLASSIFIED' && classification !== 'LOU' && r() < 0.05 ? ['NOFORN'] : [];
  const pattern = pick(r, PATTERN_MIX);
  let originator = pick(r, ORIGINATORS);
  const post = OTHER_POSTS[Math.floor(r() * OTHER_POSTS.length)]!;

  const to = (plad: string, role: 'ACTION' | 'INFO', p: Precedence = precedence): CableInputAddressee => ({
    plad,
    role,
    precedence: p,
    niact: false,
    for: [],
  });
  let addressees: CableInputAddressee[];
  switch (pattern) {
    case 'USRO_ACTION':
      addressees = [to(BENCH_STATION, 'ACTION')];
      break;
    case 'USRO_ACTION_INFO_POST':
      if (originator === post) originator = 'SECSTATE WASHDC';
      addressees = [to(BENCH_STATION, 'ACTION'), to(post, 'INFO', 'ROUTINE')];
      break;
    case 'USRO_INFO':
      if (originator === post) originator = 'SECSTATE WASHDC';
      addressees = [to(post, 'ACTION'), to(BENCH_STATION, 'INFO', 'ROUTINE')];
      break;
    case 'NATO_CAPITALS':
      // The collective expands to 14 deliveries (minus the originator if it is a member).
      addressees = [
        to(BENCH_STATION, 'ACTION'),
        { collective: 'ALL NATO CAPITALS', role: 'INFO', precedence: 'ROUTINE', niact: false, for: [] },
      ];
      break;
    case 'ELSEWHERE':
      if (originator === post) originator = 'SECSTATE WASHDC';
      addressees = [to(post, 'ACTION')];
      break;
  }

  const fromDepartment = originator === 'SECSTATE WASHDC';
  const paragraphCount = 1 + Math.floor(r() * 6);
  return {
    ref: `BENCH ${i}`,
    profile: 'FRUS_1960S',
    series: null,
    mrn: null,
    dtg,
    originator: { plad: originator },
    classification,
    captions,
    dissem,
    relTo: [],
    subject: words(r, 3, 8).join(' ').toUpperCase(),
    fileRef: null,
    tags: [],
    references: [],
    sourceNote: null,
    signature: fromDepartment ? 'RUSK' : null,
    drafting: fromDepartment
      ? [
          { role: 'DRAFTED', person: 'tyler' },
          { role: 'CLEARED', office: { station: 'SECSTATE WASHDC', code: 'EUR' }, kind: 'CLEAR' },
          { role: 'APPROVED', person: 'ball' },
        ]
      : [],
    transmission: {
      addressees,
      eyesOnly: captions.includes('EYES_ONLY') ? [{ principals: true }] : [],
      passes: [],
    },
    repeats: [],
    paragraphs: Array.from({ length: paragraphCount }, (_, k) => ({
      n: k + 1,
      portion,
      fyi: false,
      text: sentence(words(r, 8, 40)),
    })),
  };
}

function sentence(ws: string[]): string {
  const s = ws.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}
