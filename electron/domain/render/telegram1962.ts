import type { AddresseeView, DraftingLine } from '../cable';
import { classificationWords } from '../classification';
import type { Precedence } from '../precedence';
import { wrapText } from '../rules/paragraphs';
import { centred, leftRight, type RenderableCable, type RenderedCable } from './types';
import { easternWallClock } from './easternTime';

/**
 * A FRUS_1960S cable as the Department's telegram form of 1961–63 printed it (issue 12 item 4,
 * issue 16 item 1). Source: the seventeen telegrams of 1961–63 transcribed in the team's
 * reference "State Department telegram form, 1961–63, as it looked on paper" (JFK collection
 * scans; copied facts only, the app never reads it). What the form had, and so what is printed:
 *
 * - the heading: OUTGOING TELEGRAM (the Department sends) or INCOMING TELEGRAM (a post sends),
 *   "Department of State" flush right;
 * - the classification alone, centred at the top and at the foot of every sheet: "SECRET", never
 *   the modern "SECRET//NOFORN" banner syntax; a dissemination control is a caption line of its
 *   own ("NOFORN"), as "LIMIT DISTRIBUTION - NOFORN" was;
 * - outgoing: the transmission stamp upper right (Washington time, "OCT 28 12 12 AM '62"), then
 *   "ACTION: <post> <serial>" and "INFO: <post> <serial>" one a line; no FROM/TO/NO and no date line;
 * - incoming: FROM:, TO:, NO: (the post's serial and the month and day);
 * - a precedence only where the cable has one above ROUTINE (routine traffic had no precedence
 *   line; FRUS records a precedence only when there was one): after the addressee on an outgoing
 *   telegram ("ACTION: Secstate 96 PRIORITY", [INFERENCE] from 1964), on its own line below NO: on
 *   an incoming one;
 * - captions one a line, pass instructions, "Reference:";
 * - the text as typed, paragraphs numbered "1." with **no portion marks** (none of the seventeen
 *   has "(S)"), no group mark (GP-n appears only from July 1963), no SUBJECT line (a FRUS
 *   document's title is the editors', not the telegram's);
 * - the signature (the Secretary's name on a Department telegram), then on an outgoing telegram
 *   the drafting block: "Drafted by:", "Telegraphic transmission and classification approved by:",
 *   "Clearances:" one a line;
 * - the foot: the classification and REPRODUCTION FROM THIS COPY IS PROHIBITED UNLESS
 *   "UNCLASSIFIED"; FORM DS-322 on the outgoing form.
 *
 * Not printed, because no cable in Cableroom records it: the Department's office column (Action /
 * Info symbols ending RMR, added by its communications centre), the Control/Rec'd receipt block,
 * and the post's local time of origin on an incoming NO: line.
 */

/** Characters on a typed line of the form [INFERENCE: a pica typewriter on a letter-size sheet]. */
export const TELEGRAM_1962_WIDTH = 72;
/** Lines of text on a sheet before a continuation sheet begins [INFERENCE]. */
export const TELEGRAM_1962_PAGE_LINES = 50;

const REPRODUCTION_1 = 'REPRODUCTION FROM THIS COPY IS';
const REPRODUCTION_2 = 'PROHIBITED UNLESS "UNCLASSIFIED"';

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/** True when the Department sent the cable: the outgoing form. */
export function isDepartment(plad: string): boolean {
  return /^SECSTATE\b/.test(plad) || plad === 'STATE';
}

/** "NIACT", "PRIORITY"…: the precedence as the 1961–63 forms wrote it; nothing for ROUTINE. */
export function precedence1962(p: Precedence, niact: boolean): string {
  if (niact) return 'NIACT';
  return p === 'ROUTINE' ? '' : p;
}

/** "MOSCOW" from "AMEMBASSY MOSCOW", "USNATO" from "USMISSION USNATO": the post as the form names it. */
export function postName(plad: string): string {
  const words = plad.split(' ');
  return words.length > 1 && /^(AM|US)[A-Z]*$/.test(words[0]!) && words[0] !== 'USUN' ? words.slice(1).join(' ') : plad;
}

/**
 * The transmission stamp of an outgoing telegram, "OCT 28 12 12 AM '62": the time it was sent,
 * in Washington (America/New_York, with the daylight saving time of the day).
 */
export function transmissionStamp(sentAt: string): string {
  const at = new Date(sentAt);
  if (Number.isNaN(at.getTime())) return '';
  // Without Intl in the years written out (its first use costs 20–30 ms: issue 15 item 6).
  const wall = easternWallClock(at);
  if (wall) {
    const hour = wall.getUTCHours();
    const month = MONTHS[wall.getUTCMonth()]!.slice(0, 3);
    const minute = String(wall.getUTCMinutes()).padStart(2, '0');
    const year = String(wall.getUTCFullYear() % 100).padStart(2, '0');
    return `${month} ${wall.getUTCDate()} ${hour % 12 || 12} ${minute} ${hour < 12 ? 'AM' : 'PM'} '${year}`;
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      year: '2-digit',
      hour12: true,
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return `${(parts.month ?? '').toUpperCase()} ${parts.day} ${parts.hour} ${parts.minute} ${(parts.dayPeriod ?? '').toUpperCase()} '${parts.year}`;
}

/** "OCTOBER 28" from a DTG "280412Z OCT 62" (the UTC day; the post's own hour is not stored). */
function monthDay(dtg: string): string {
  const m = /^(\d{2})\d{4}Z ([A-Z]{3}) /.exec(dtg);
  if (!m) return '';
  const month = MONTHS.find((name) => name.startsWith(m[2]!)) ?? m[2]!;
  return `${month} ${Number(m[1])}`;
}

function addressee(a: AddresseeView): string {
  return [a.plad, a.serial ?? '', precedence1962(a.precedence, a.niact)].filter(Boolean).join(' ');
}

/** The person or office of a drafting line with the name FRUS or the directory cites. */
function drafters(c: RenderableCable, role: DraftingLine['role']): Array<{ office: string | null; name: string }> {
  const names = role === 'DRAFTED' ? c.draftedBy : role === 'CLEARED' ? c.clearedBy : c.approvedBy;
  const lines = (c.drafting ?? []).filter((l) => l.role === role);
  return names.map((name, i) => {
    const line = lines[i];
    const office = line && line.person !== null ? line.office : null;
    return { office: office && office !== name ? office : null, name };
  });
}

/** The drafting and approval block below the signature of an outgoing telegram. */
function draftingBlock(c: RenderableCable): string[] {
  const out: string[] = [];
  const drafted = drafters(c, 'DRAFTED').map((d) => (d.office ? `${d.office}:${d.name}` : d.name));
  const approved = drafters(c, 'APPROVED').map((d) => (d.office ? `${d.office} - ${d.name}` : d.name));
  const cleared = drafters(c, 'CLEARED').map((d) => (d.office ? `${d.office} - ${d.name}` : d.name));
  if (drafted.length > 0) out.push(`Drafted by: ${drafted.join('; ')}`);
  if (approved.length > 0) {
    out.push(
      ...wrapText(
        `Telegraphic transmission and classification approved by: ${approved.join('; ')}`,
        TELEGRAM_1962_WIDTH,
      ),
    );
  }
  if (cleared.length > 0) out.push('Clearances:', ...cleared.map((l) => `  ${l}`));
  return out;
}

/** The pass instruction as the 1960s texts wrote it: "USRO pass Embassy Paris". */
function passLine(p: RenderableCable['pass'][number]): string {
  return `${p.byName || postName(p.by)} pass ${p.toName || p.to}`;
}

/** The 1961–63 telegram form of a cable, sheet by sheet. */
export function renderTelegram1962(c: RenderableCable): RenderedCable {
  const width = TELEGRAM_1962_WIDTH;
  const level = classificationWords(c.classification);
  const outgoing = isDepartment(c.from.plad);
  const head: string[] = [
    leftRight(outgoing ? 'OUTGOING TELEGRAM' : 'INCOMING TELEGRAM', 'Department of State', width),
    centred(level, width),
  ];
  const number = (a: AddresseeView | undefined): string => /(\d+)$/.exec(a?.serial ?? '')?.[1] ?? '';
  // The post's number of the telegram: its serial to the addressee, else its MRN serial ("1042").
  const own = (a: AddresseeView | undefined): string =>
    number(a) || (c.mrn ? String(Number(/(\d+)$/.exec(c.mrn)?.[1] ?? '')) : '') || c.ref;
  if (outgoing) {
    const stamp = transmissionStamp(c.sentAt);
    if (stamp) head.push(leftRight('', stamp, width));
    head.push('');
    for (const a of c.action) head.push(`ACTION: ${addressee(a)}`);
    for (const a of c.info) head.push(`INFO:   ${addressee(a)}`);
  } else {
    const to = c.action[0];
    head.push('');
    head.push(`FROM: ${postName(c.from.plad)}`);
    head.push(`TO:   ${to && isDepartment(to.plad) ? 'Secretary of State' : (to?.plad ?? '')}`);
    head.push(`NO:   ${[own(to), monthDay(c.dtg)].filter(Boolean).join(', ')}`);
    const top = to ? precedence1962(to.precedence, to.niact) : '';
    if (top) head.push(top);
    const others = [...c.action.slice(1), ...c.info];
    if (others.length > 0) {
      // "ACTION DEPARTMENT 115 INFORMATION LEOPOLDVILLE NIACT 99 BRUSSELS NIACT 58"
      const route = (a: AddresseeView): string =>
        [isDepartment(a.plad) ? 'DEPARTMENT' : postName(a.plad), precedence1962(a.precedence, a.niact), number(a)]
          .filter(Boolean)
          .join(' ');
      const info = c.info.map(route);
      const line = `ACTION ${c.action.map(route).join(' ')}${info.length ? ` INFORMATION ${info.join(' ')}` : ''}`;
      head.push(...wrapText(line, width));
    }
  }
  head.push(...c.captions);
  for (const d of c.dissem) head.push(d === 'REL_TO' ? `REL TO ${c.relTo.join(', ')}` : d);
  if (c.eyesOnlyFor.length > 0) head.push(`EYES ONLY FOR ${c.eyesOnlyFor.join(', ').toUpperCase()}`);
  for (const p of c.pass) head.push(passLine(p));
  for (const r of c.references) head.push(...wrapText(`Reference: ${r.text}`, width));
  head.push('');

  const text: string[] = [];
  for (const p of c.paragraphs) {
    text.push(...wrapText(`${p.n === null ? '' : `${p.n}. `}${p.text}`, width), '');
  }
  if (c.signedBy) text.push(`${' '.repeat(Math.floor(width / 2))}${c.signedBy.toUpperCase()}`, '');
  if (outgoing) text.push(...draftingBlock(c));

  const body = [...head, ...text];
  while (body.at(-1) === '') body.pop();
  const pages: string[][] = [];
  const first = TELEGRAM_1962_PAGE_LINES;
  const rest = TELEGRAM_1962_PAGE_LINES;
  const continuation = (n: number): string =>
    outgoing
      ? `-${n}- ${c.ref}, TO ${c.action.map((a) => postName(a.plad)).join(', ')}` // [INFERENCE]: no outgoing continuation seen
      : `-${n}- ${[own(c.action[0]), monthDay(c.dtg)].filter(Boolean).join(', ')}, FROM ${postName(c.from.plad)}`;
  let at = 0;
  let n = 1;
  while (at < body.length || n === 1) {
    const take = n === 1 ? first : rest;
    if (n > 1) while (body[at] === '') at++; // a sheet does not begin with a blank line
    const lines = body.slice(at, at + take);
    at += take;
    const last = at >= body.length;
    const foot = [''];
    if (n === 1) {
      // The classification centred, the reproduction warning beside it on two lines.
      const indent = Math.min(Math.floor((width - level.length) / 2), width - REPRODUCTION_2.length - 4 - level.length);
      const level1 = `${' '.repeat(Math.max(0, indent))}${level}`;
      const column = level1.length + 4;
      foot.push(`${level1}    ${REPRODUCTION_1}`, `${(outgoing ? 'FORM DS-322' : '').padEnd(column)}${REPRODUCTION_2}`);
    } else foot.push(centred(level, width));
    pages.push(n === 1 ? [...lines, ...foot] : [centred(level, width), continuation(n), '', ...lines, ...foot]);
    if (last) break;
    n++;
  }
  return { form: `${outgoing ? 'Outgoing' : 'Incoming'} telegram, Department of State form of 1961–63`, pages };
}
