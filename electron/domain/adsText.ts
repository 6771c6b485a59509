import type { AddresseeView, CableView, DraftingLine } from './cable';
import { assertNever } from './assertNever';
import { classificationWords, type Classification } from './classification';
import { portionMarked } from './draft';
import { portionLabel } from './markings';
import type { Precedence } from './precedence';
import { wrapText } from './rules/paragraphs';
import { formatTagsLine } from './tags';

/**
 * A cable of the ADS profile as the Department's 1973–79 printouts show it (DOMAIN.md §1.9; issue
 * 16): pure, one function for the app, the print path and `cableroom show`.
 *
 *   SECRET                                   classification, top and bottom of every page (rule 3)
 *   PAGE 01 STATE 017976                     page header: page, MRN (and series number), section
 *   DRAFTED BY S/S-S:JJACOBSON               drafting block, Department cables (office:person)
 *   APPROVED BY S/S-S:LJREDDY
 *   OC/T:WSOBIEN                             clearances one per line, "(INFO)"/"(SUBST)"
 *   O 091603Z NOV 77                         ACP-127 prosign: Z flash, O immediate, P priority, R routine
 *   FM AMEMBASSY MOSCOW
 *   TO SECSTATE WASHDC NIACT IMMEDIATE 4280  per-addressee precedence and the post's serial
 *   INFO …                                   one addressee a line
 *   S E C R E T SECTION 1 OF 2 MOSCOW 16276  spaced classification, section, MRN
 *   EXDIS                                    captions below the classification line, one a line
 *   E.O. 11652: XGDS
 *   TAGS: …
 *   SUBJECT: …
 *   REF: …
 *   1. TEXT AT THE PRINTOUT'S WIDTH …
 *   TOON                                     signature
 *
 * Sources for the details: STATE 017976 and STATE 041961 (DOMAIN.md §1.9), MOSCOW 16276 (issue 16),
 * and the printouts of STATE 222590 (1976), MOSCOW 04443 and STATE 033967 TOSEC 020010 (1977):
 * the classification is spaced out on the MRN line ("C O N F I D E N T I A L"), UNCLASSIFIED is
 * "UNCLAS" there; a post's MRN is printed as numbered ("MOSCOW 4443") on that line and to five
 * digits in the page header ("PAGE 01 MOSCOW 04443"), the Department's to six ("STATE 017976");
 * a series cable carries both numbers ("STATE 033967 TOSEC 020010"); a ROUTINE addressee has no
 * precedence word ("TO SECSTATE WASHDC 5808"); text is in capitals.
 *
 * The Department's distribution line and the dash counter (DOMAIN.md §1.9: "ORIGIN SS-15",
 * "INFO OCT-01 AS-01 … /033", "------------------270429Z 060566") head a Department cable's first
 * page. The offices come from the cable: ORIGIN is the drafting office's bureau ("S/S-S" → SS),
 * INFO the bureaus of the clearing and approving offices; the copy counts are not recorded
 * anywhere Cableroom holds them, so each office is printed with one copy [INFERENCE] and the
 * total follows. The dash counter prints the filing time (the release) and Cableroom's own serial
 * of the cable; the trailing "/61" of the originals is not known and not printed.
 */

/** Characters on a text line of the printouts: their longest text lines run to 59 [INFERENCE]. */
export const ADS_LINE_WIDTH = 60;
/** Lines between the page header and the closing classification line: 31–35 on the printouts [INFERENCE]. */
export const ADS_PAGE_LINES = 34;
/** Text lines a section carries before the next section begins [INFERENCE: sections were a transmission limit]. */
export const ADS_SECTION_LINES = 4 * ADS_PAGE_LINES;

/** The ACP-127 precedence prosign (ACP 127 §150; "O 091603Z NOV 77", "Z 151540Z FEB 77"). */
export function precedenceProsign(p: Precedence): 'Z' | 'O' | 'P' | 'R' {
  switch (p) {
    case 'FLASH':
      return 'Z';
    case 'IMMEDIATE':
      return 'O';
    case 'PRIORITY':
      return 'P';
    case 'ROUTINE':
      return 'R';
    default:
      return assertNever(p, 'precedence');
  }
}

/** "S E C R E T", "C O N F I D E N T I A L", "UNCLAS": the classification on the MRN line. */
export function spacedClassification(c: Classification): string {
  switch (c) {
    case 'CONFIDENTIAL':
    case 'SECRET':
    case 'TOP_SECRET':
      return classificationWords(c)
        .split(' ')
        .map((w) => w.split('').join(' '))
        .join(' ');
    case 'UNCLASSIFIED':
      return 'UNCLAS';
    case 'UNCLAS_EFTO':
    case 'LOU':
    case 'SBU':
      return classificationWords(c);
    default:
      return assertNever(c, 'classification');
  }
}

/**
 * Lines of a 1970s telegram beyond the common cable view (issue 16; migration 0014): the FOR/FROM
 * line under the captions and DESIRED DISTRIBUTION in the drafting block. Present on the view only
 * when the cable has them.
 */
export type CableLines = Readonly<{
  forLine?: string | null | undefined;
  desiredDistribution?: string | null | undefined;
}>;

type Mrn = Readonly<{ station: string; serial: number }>;

function mrnOf(c: CableView): Mrn | null {
  if (!c.mrn) return null;
  const at = c.mrn.lastIndexOf(' ');
  const serial = Number(c.mrn.slice(at + 1));
  return Number.isInteger(serial) && serial > 0 ? { station: c.mrn.slice(0, at), serial } : null;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The numbers of the cable as a line prints them: "MOSCOW 16276", "STATE 033967 TOSEC 020010". */
function numbers(c: CableView, inPageHeader: boolean): string {
  const mrn = mrnOf(c);
  const series = c.series && c.serial !== null ? `${c.series} ${pad(c.serial, 6)}` : null;
  if (!mrn) return series ?? c.ref;
  const state = mrn.station === 'STATE';
  const number = state ? pad(mrn.serial, 6) : inPageHeader ? pad(mrn.serial, 5) : String(mrn.serial);
  return [`${mrn.station} ${number}`, series].filter(Boolean).join(' ');
}

/**
 * "TO SECSTATE WASHDC NIACT IMMEDIATE 4280": the post's serial of its telegrams to that addressee
 * (a channel serial of the MRN station's series). A series number (TOSEC) is printed with the MRN,
 * not on the TO line ("TO USDEL SECRETARY AIRCRAFT FLASH", STATE 033967 TOSEC 020010).
 */
function addresseeLine(a: AddresseeView, station: string | null): string {
  const words = a.niact ? `NIACT ${a.precedence}` : a.precedence === 'ROUTINE' ? '' : a.precedence;
  const m = /^(.*) (\d+)$/.exec(a.serial ?? '');
  const serial = m && m[1] === station ? m[2]! : '';
  return [a.plad, words, serial].filter(Boolean).join(' ');
}

/** DRAFTED BY, APPROVED BY and the clearances, office:person, one a line (DOMAIN.md §1.11). */
export function draftingBlock(lines: ReadonlyArray<DraftingLine>): string[] {
  const who = (l: DraftingLine): string => [l.office, l.person].filter(Boolean).join(':');
  const drafters = lines.filter((l) => l.role === 'DRAFTED');
  const out: string[] = [];
  if (drafters.length > 0) {
    const office = drafters[0]!.office;
    const sameOffice = drafters.every((l) => l.office === office);
    out.push(
      `DRAFTED BY ${sameOffice ? [office, drafters.map((l) => l.person).join('/')].filter(Boolean).join(':') : drafters.map(who).join('/')}`,
    );
  }
  for (const l of lines.filter((x) => x.role === 'APPROVED')) out.push(`APPROVED BY ${who(l)}`);
  for (const l of lines.filter((x) => x.role === 'CLEARED')) {
    out.push(`${who(l)}${l.kind === 'INFO' || l.kind === 'SUBST' ? ` (${l.kind})` : ''}`);
  }
  return out;
}

function referenceLines(c: CableView): string[] {
  if (c.references.length === 0) return [];
  if (c.references.length === 1) return [`REF: ${c.references[0]!.text}`];
  return [`REFS: ${c.references.map((r) => `(${r.label}) ${r.text}`).join('; ')}`];
}

/** The text lines: summary, numbered paragraphs (portion marks only where the era had them), signature. */
function textLines(c: CableView, width: number): string[] {
  const marked = portionMarked({ profile: c.profile, legacyEo: c.legacyEo });
  const out: string[] = [];
  if (c.summary) out.push(...wrapText(`SUMMARY: ${c.summary} END SUMMARY.`.toUpperCase(), width));
  for (const p of c.paragraphs) {
    const head = [p.n === null ? '' : `${p.n}.`, marked ? portionLabel(p.portion) : ''].filter(Boolean).join(' ');
    const body = p.fyi ? `FYI. ${p.text} END FYI.` : p.text;
    out.push(...wrapText(`${head ? `${head} ` : ''}${body}`.toUpperCase(), width));
  }
  if (c.signedBy) out.push(c.signedBy.toUpperCase());
  return out;
}

/**
 * The symbol of the distribution line: "SS" from "S/S-S", "OCT" from "OC/T" (as STATE 017976
 * prints them), "EUR" from "EUR/RPM", "L" from "L". A one-letter part joins its neighbour; a
 * bureau's office is counted under the bureau [INFERENCE].
 */
export function bureauSymbol(office: string): string {
  const parts = office.split('-')[0]!.split('/');
  if (parts.length === 2 && (parts[0]!.length === 1 || parts[1]!.length === 1)) return parts.join('');
  return parts[0]!;
}

/** "ORIGIN SS-01" and "INFO OC-01 … /003": the Department's distribution of its own cable. */
export function distributionLines(lines: ReadonlyArray<DraftingLine>): string[] {
  const drafted = lines.find((l) => l.role === 'DRAFTED' && l.office);
  if (!drafted?.office) return [];
  const origin = bureauSymbol(drafted.office);
  const info = [
    ...new Set(lines.filter((l) => l.role !== 'DRAFTED' && l.office).map((l) => bureauSymbol(l.office!))),
  ].filter((o) => o !== origin);
  const total = `/${pad(1 + info.length, 3)}`;
  return info.length === 0
    ? [`ORIGIN ${origin}-01 ${total}`]
    : [`ORIGIN ${origin}-01`, `INFO ${info.map((o) => `${o}-01`).join(' ')} ${total}`];
}

/** "------------------270429Z 000042": the communications centre's dash counter, filing time and serial. */
export function dashCounter(sentAt: string, id: number): string | null {
  const at = new Date(sentAt);
  if (Number.isNaN(at.getTime())) return null;
  const time = `${pad(at.getUTCDate(), 2)}${pad(at.getUTCHours(), 2)}${pad(at.getUTCMinutes(), 2)}Z`;
  return `${'-'.repeat(18)}${time} ${pad(id, 6)}`;
}

/** The ADS printout of a cable: its pages, each a list of lines, section by section. */
export function adsPages(c: CableView & CableLines, width: number = ADS_LINE_WIDTH): string[][] {
  const pagesOut: string[][] = [];
  const top = classificationWords(c.classification);
  const text = textLines(c, width);
  const sectionCount = Math.max(1, Math.ceil(text.length / ADS_SECTION_LINES));
  const department = c.from.plad.startsWith('SECSTATE');
  for (let s = 0; s < sectionCount; s++) {
    const of = sectionCount > 1 ? `${pad(s + 1, 2)} OF ${pad(sectionCount, 2)}` : '';
    const head: string[] = [];
    // The drafting office's block heads a Department cable (STATE 017976); a post's printout at the
    // Department carries none.
    if (department && c.drafting) head.push(...distributionLines(c.drafting), ...draftingBlock(c.drafting));
    if (department && c.desiredDistribution) head.push(`DESIRED DISTRIBUTION  ${c.desiredDistribution}`);
    const counter = department ? dashCounter(c.sentAt, c.id) : null;
    if (counter) head.push(counter);
    head.push(`${precedenceProsign(c.precedence)} ${c.dtg}`, `FM ${c.from.plad}`);
    const station = mrnOf(c)?.station ?? null;
    c.action.forEach((a, i) => head.push(`${i === 0 ? 'TO ' : ''}${addresseeLine(a, station)}`));
    c.info.forEach((a, i) => head.push(`${i === 0 ? 'INFO ' : ''}${addresseeLine(a, station)}`));
    head.push(
      [
        spacedClassification(c.classification),
        sectionCount > 1 ? `SECTION ${s + 1} OF ${sectionCount}` : '',
        numbers(c, false),
      ]
        .filter(Boolean)
        .join(' '),
    );
    if (s === 0) {
      head.push(...c.captions);
      for (const p of c.pass) head.push(`${p.by.split(' ').at(-1)} PASS ${p.to.split(' ').at(-1)}`);
      const forPersons = [...new Set(c.action.flatMap((a) => a.forPersons))];
      if (c.forLine) head.push(...wrapText(c.forLine.toUpperCase(), width));
      else if (forPersons.length > 0) head.push(`FOR ${forPersons.join(', ').toUpperCase()}`);
      if (c.eyesOnlyFor.length > 0) head.push(`EYES ONLY FOR ${c.eyesOnlyFor.join(', ').toUpperCase()}`);
      if (c.legacyEo) head.push(`E.O. ${c.legacyEo.order}: ${c.legacyEo.code}`);
      if (c.tags.length > 0) head.push(`TAGS: ${formatTagsLine(c.tags)}`);
      head.push(...wrapText(`SUBJECT: ${c.subject}`.toUpperCase(), width), ...referenceLines(c));
    }
    const body = [...head, ...text.slice(s * ADS_SECTION_LINES, (s + 1) * ADS_SECTION_LINES)];
    const pages = Math.max(1, Math.ceil(body.length / ADS_PAGE_LINES));
    for (let p = 0; p < pages; p++) {
      pagesOut.push([
        top,
        ['PAGE', pad(p + 1, 2), numbers(c, true), of].filter(Boolean).join(' '),
        ...body.slice(p * ADS_PAGE_LINES, (p + 1) * ADS_PAGE_LINES),
        top,
      ]);
    }
  }
  return pagesOut;
}

/** The ADS printout of a cable as one text, page after page. */
export function formatAdsCable(c: CableView & CableLines, width: number = ADS_LINE_WIDTH): string {
  return adsPages(c, width)
    .map((p) => p.join('\n'))
    .join('\n');
}
