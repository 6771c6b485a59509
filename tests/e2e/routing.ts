import type { Page } from '@playwright/test';
import type { Core } from '../../electron/core/app';
import { cableInputSchema } from '../../electron/core/cables/cableInput';
import { insertCable } from '../../electron/core/store/cableWriter';
import { expect } from './harness';

/**
 * Named factories and steps for the routing specs (DOMAIN.md §1.8, rules 16, 17): practice posts
 * added through core's own directory service, cables with pending pass instructions and a
 * circular to a collective of more than fifty posts, all inserted with core's `insertCable`.
 */

/** 40 consulates for the readability exercise: [PLAD, short name, ISO country]. */
const PRACTICE_CONSULATES: ReadonlyArray<readonly [string, string]> = [
  ['ISTANBUL', 'TUR'],
  ['IZMIR', 'TUR'],
  ['ADANA', 'TUR'],
  ['THESSALONIKI', 'GRC'],
  ['NAPLES', 'ITA'],
  ['MILAN', 'ITA'],
  ['FLORENCE', 'ITA'],
  ['GENOA', 'ITA'],
  ['PALERMO', 'ITA'],
  ['TRIESTE', 'ITA'],
  ['TURIN', 'ITA'],
  ['MARSEILLE', 'FRA'],
  ['LYON', 'FRA'],
  ['BORDEAUX', 'FRA'],
  ['STRASBOURG', 'FRA'],
  ['NICE', 'FRA'],
  ['HAMBURG', 'DEU'],
  ['FRANKFURT', 'DEU'],
  ['MUNICH', 'DEU'],
  ['STUTTGART', 'DEU'],
  ['DUSSELDORF', 'DEU'],
  ['BREMEN', 'DEU'],
  ['ANTWERP', 'BEL'],
  ['AMSTERDAM', 'NLD'],
  ['ROTTERDAM', 'NLD'],
  ['OPORTO', 'PRT'],
  ['PONTA DELGADA', 'PRT'],
  ['MONTREAL', 'CAN'],
  ['TORONTO', 'CAN'],
  ['VANCOUVER', 'CAN'],
  ['QUEBEC', 'CAN'],
  ['WINNIPEG', 'CAN'],
  ['HALIFAX', 'CAN'],
  ['EDINBURGH', 'GBR'],
  ['BELFAST', 'GBR'],
  ['LIVERPOOL', 'GBR'],
  ['MANCHESTER', 'GBR'],
  ['BIRMINGHAM', 'GBR'],
  ['BERGEN', 'NOR'],
  ['STAVANGER', 'NOR'],
];

export const WIDE_COLLECTIVE = 'ALL TRAINING POSTS';
export const WIDE_REF = 'STATE 5150';

const titleCase = (city: string) =>
  city
    .toLowerCase()
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

/**
 * Adds the 40 practice consulates (as the instructor) and the collective ALL TRAINING POSTS of
 * them plus the NATO capitals; returns the collective's members.
 */
export function addPracticePosts(core: Core): ReadonlyArray<string> {
  const instructor = core.users.byLogin('instructor');
  const added = PRACTICE_CONSULATES.map(([city, country]) => {
    const plad = `AMCONSUL ${city}`;
    core.directory.addStation(instructor, {
      plad,
      name: `American Consulate ${titleCase(city)}`,
      shortName: `Consulate ${titleCase(city)}`,
      kind: 'CONSULATE',
      country,
      city: titleCase(city),
    });
    return plad;
  });
  const nato = core.directory.read().collectives.find((c) => c.name === 'ALL NATO CAPITALS')!.members;
  const members = [...nato, ...added];
  core.directory.setCollective(instructor, WIDE_COLLECTIVE, 'Practice: NATO capitals and 40 consulates', members);
  return members;
}

/**
 * STATE 5150: FLASH to USRO, NIACT IMMEDIATE to Ankara, info to ALL TRAINING POSTS (54 posts);
 * USRO has passed it to Paris, Ankara still has to pass it to Athens; then Rusk repeats it to
 * USUN, the White House and Moscow. 59 deliveries in four routes, one pending pass.
 */
export function addWideCircular(core: Core): number {
  addPracticePosts(core);
  const id = insertCable(
    core.db,
    cableInputSchema.parse({
      ref: WIDE_REF,
      profile: 'FRUS_1960S',
      dtg: '301500Z OCT 62',
      originator: { plad: 'SECSTATE WASHDC' },
      classification: 'CONFIDENTIAL',
      subject: 'Readiness circular to all training posts',
      signature: 'RUSK',
      transmission: {
        addressees: [
          {
            plad: 'USMISSION USNATO',
            role: 'ACTION',
            precedence: 'FLASH',
            serial: { series: 'TOPOL', number: 1500 },
          },
          { plad: 'AMEMBASSY ANKARA', role: 'ACTION', precedence: 'IMMEDIATE', niact: true },
          { collective: WIDE_COLLECTIVE, role: 'INFO', precedence: 'ROUTINE' },
        ],
        passes: [
          { by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS', status: 'DONE' },
          { by: 'AMEMBASSY ANKARA', to: 'AMEMBASSY ATHENS', status: 'PENDING' },
        ],
      },
      paragraphs: [
        { n: 1, portion: 'C', text: 'NIACT justified: allied readiness must be confirmed before the Council meets.' },
        { n: 2, portion: 'C', text: 'Report readiness of post communications by return cable.' },
      ],
    }),
  );
  core.routing.repeat(core.users.byLogin('rusk'), id, {
    to: ['USMISSION USUN NEW YORK', 'WHITE HOUSE WASHDC', 'AMEMBASSY MOSCOW'],
    note: 'Repeated for information.',
  });
  return id;
}

/** STATE 4300: the Department to USRO, with "USRO PASS AMEMBASSY PARIS" still to be done (rule 17). */
export function addPendingPassCable(core: Core): number {
  return insertCable(
    core.db,
    cableInputSchema.parse({
      ref: 'STATE 4300',
      profile: 'FRUS_1960S',
      dtg: '291800Z OCT 62',
      originator: { plad: 'SECSTATE WASHDC' },
      classification: 'CONFIDENTIAL',
      subject: 'Quarantine briefing for the North Atlantic Council',
      signature: 'RUSK',
      transmission: {
        addressees: [
          {
            plad: 'USMISSION USNATO',
            role: 'ACTION',
            precedence: 'IMMEDIATE',
            serial: { series: 'TOPOL', number: 600 },
          },
        ],
        passes: [{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS', status: 'PENDING' }],
      },
      paragraphs: [
        { n: null, portion: 'C', text: 'Brief the Council on the quarantine line; Embassy Paris to inform the Quai.' },
      ],
    }),
  );
}

/** Searches from the inbox and opens the one hit with `ref`. */
export async function openBySearch(page: Page, words: string, ref: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.fill(words);
  await input.press('Enter');
  const hit = page.locator(`[data-testid="search-hit"][data-ref="${ref}"]`);
  await expect(hit).toHaveCount(1);
  await hit.click();
  await expect(page.getByTestId('cable')).toBeVisible();
}

/** Opens a cable listed in the inbox. */
export async function openFromInbox(page: Page, ref: string): Promise<void> {
  await page.locator(`[data-testid="inbox-row"][data-ref="${ref}"]`).click();
  await expect(page.getByTestId('cable')).toBeVisible();
}

/** The Distribution tab of the open cable, once it has loaded (or been refused). */
export async function showDistribution(page: Page): Promise<void> {
  await page.getByTestId('tab-distribution').click();
  await expect(page.getByTestId('tab-distribution')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('distribution')).not.toHaveAttribute('aria-busy', 'true');
}

/** Graph cards of deliveries (not the originator, pending passes or context cards). */
export function deliveryNodes(page: Page) {
  return page.locator('[data-testid="graph-node"][data-kind="delivery"]');
}

/**
 * TOPOL 4578: SECRET, Eyes Only for the principals, action USRO, with "USRO PASS AMEMBASSY PARIS"
 * still to be done — Topol 578's shape, for the sealed pass (rules 14, 17).
 */
export const SEALED_SUBJECT = 'Turkish missiles: what the Council is to hear';
export function addSealedPassCable(core: Core): number {
  return insertCable(
    core.db,
    cableInputSchema.parse({
      ref: 'TOPOL 4578',
      profile: 'FRUS_1960S',
      dtg: '280412Z OCT 62',
      originator: { plad: 'SECSTATE WASHDC' },
      classification: 'SECRET',
      captions: ['EYES_ONLY'],
      subject: SEALED_SUBJECT,
      signature: 'RUSK',
      transmission: {
        addressees: [
          {
            plad: 'USMISSION USNATO',
            role: 'ACTION',
            precedence: 'IMMEDIATE',
            serial: { series: 'TOPOL', number: 4578 },
          },
        ],
        eyesOnly: [{ principals: true }],
        passes: [{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS', status: 'PENDING' }],
      },
      paragraphs: [{ n: null, portion: 'S', text: 'For the Ambassador only: the Jupiters are not to be discussed.' }],
    }),
  );
}
