import type { Core } from '../../electron/core/app';
import { cableInputSchema } from '../../electron/core/cables/cableInput';
import { insertCable } from '../../electron/core/store/cableWriter';
import type { Classification } from '../../electron/domain/classification';
import { formatDtg } from '../../electron/domain/dtg';
import type { Precedence } from '../../electron/domain/precedence';

/**
 * Named factories for cables the e2e specs add next to the seed (STYLE.md: fixtures are real
 * data or built by a named factory). They go through core's own `insertCable`, so they are
 * validated and routed exactly as seed cables are.
 */

/**
 * Generated traffic is numbered from TOPOL 1001 and sent from 1 December 1962 on: clear of the
 * seed's serials and newer than every seed cable, so it sorts first and TOPOL 578 stays oldest.
 */
export const FIRST_GENERATED_NUMBER = 1001;
const FIRST_SENT_AT_MS = Date.UTC(1962, 11, 1, 9, 0);
const MINUTES_BETWEEN_CABLES = 7;

const SUBJECTS = [
  'Quarantine line: positions of Soviet vessels',
  'NAC briefing on Cuban developments',
  'Turkish reaction to Jupiter press speculation',
  'Alert status of NATO forces in Europe',
  'Berlin access: no change observed',
  'Consultation with allies on Khrushchev letter',
] as const;

const PORTION_FOR: Readonly<Record<Classification, 'U' | 'SBU' | 'C' | 'S' | 'TS'>> = {
  UNCLASSIFIED: 'U',
  UNCLAS_EFTO: 'U',
  SBU: 'SBU',
  LOU: 'SBU',
  CONFIDENTIAL: 'C',
  SECRET: 'S',
  TOP_SECRET: 'TS',
};

export type TopolOptions = Readonly<{
  /** TOPOL series number; also decides the send time (higher = newer). */
  number: number;
  classification?: Classification;
  precedence?: Precedence;
  niact?: boolean;
  subject?: string;
  paragraphs?: ReadonlyArray<string>;
}>;

/** A Department telegram to USRO in the TOPOL series (FRUS 1960s profile). */
export function topolCable(o: TopolOptions) {
  const classification = o.classification ?? 'CONFIDENTIAL';
  const sentAt = new Date(FIRST_SENT_AT_MS + (o.number - FIRST_GENERATED_NUMBER) * MINUTES_BETWEEN_CABLES * 60_000);
  const texts = o.paragraphs ?? [
    `Training traffic ${o.number}. Summarise for the Permanent Representative and report any allied comment.`,
    'No further action required unless the Council requests a briefing.',
  ];
  return cableInputSchema.parse({
    ref: `TOPOL ${o.number}`,
    profile: 'FRUS_1960S',
    series: { indicator: 'TOPOL', number: o.number },
    dtg: formatDtg(sentAt),
    originator: { plad: 'SECSTATE WASHDC' },
    classification,
    subject: o.subject ?? SUBJECTS[o.number % SUBJECTS.length],
    signature: 'RUSK',
    transmission: {
      addressees: [
        {
          plad: 'USMISSION USNATO',
          role: 'ACTION',
          precedence: o.precedence ?? 'ROUTINE',
          niact: o.niact ?? false,
          serial: { series: 'TOPOL', number: o.number },
        },
      ],
    },
    paragraphs: texts.map((text, i) => ({
      n: texts.length > 1 ? i + 1 : null,
      portion: PORTION_FOR[classification],
      text,
    })),
  });
}

export function addTopolCable(core: Core, o: TopolOptions): number {
  return insertCable(core.db, topolCable(o));
}

/**
 * `count` generated TOPOL cables (numbers 1001…), with a mix of classifications and some FLASH
 * and NIACT IMMEDIATE traffic, all in one transaction. Returns the newest cable's ref.
 */
export function addTopolTraffic(core: Core, count: number): string {
  const levels: Classification[] = ['CONFIDENTIAL', 'UNCLASSIFIED', 'SECRET', 'LOU'];
  core.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const number = FIRST_GENERATED_NUMBER + i;
      const flash = i % 11 === 3;
      const niact = !flash && i % 7 === 2;
      insertCable(
        core.db,
        topolCable({
          number,
          classification: levels[i % levels.length],
          precedence: flash ? 'FLASH' : niact ? 'IMMEDIATE' : 'ROUTINE',
          niact,
        }),
      );
    }
  })();
  return `TOPOL ${FIRST_GENERATED_NUMBER + count - 1}`;
}

/** How many inbox rows `login` sees, read straight from core (the seed grows over time). */
export function inboxSize(core: Core, login: string): number {
  const actor = core.users.byLogin(login);
  let total = 0;
  let cursor: Parameters<Core['inbox']['list']>[1]['cursor'] = null;
  do {
    const page = core.inbox.list(actor, { cursor, limit: 500 });
    total += page.rows.length;
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}
