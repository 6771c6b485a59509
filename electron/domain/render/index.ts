import { adsPages } from '../adsText';
import { assertNever } from '../assertNever';
import type { EraProfile } from '../cable';
import { displayText } from '../displayText';
import { publishedLine } from './published';
import { renderSmart } from './smart';
import { renderTelegram1962 } from './telegram1962';
import { renderTeletype } from './teletype';
import type { RenderableCable, RenderedCable } from './types';

export type { Publication, RenderableCable, RenderedCable } from './types';
export { publishedLine, frusVolumeTitle, type FrusPublication } from './published';
export { coverSheetOfEra, eraPresentation, eraWords, type EraPresentation } from './era';

/**
 * One pure renderer per era profile (issue 16 item 1, issue 12 item 4): the cable as its era
 * printed it. The app's cable view shows it, the print path prints its pages, `cableroom show`
 * prints it through `formatCableText`.
 *
 * - FRUS_1960S: the Department's telegram form of 1961–63 (telegram1962.ts);
 * - ADS_1973_79: the ADS printout (adsText.ts);
 * - CABLEGATE_2000S: the teletype text (teletype.ts);
 * - MODERN: the SMART-era record (smart.ts).
 *
 * A cable imported from FRUS is headed by "Declassified — published in FRUS …, document n"
 * (issue 12 item 3) above its original markings: a line Cableroom adds, not part of the telegram.
 */
export function renderCable(c: RenderableCable): RenderedCable {
  const rendered = renderForm(c);
  const line = publishedLine(c.published ?? null);
  const shown = (lines: ReadonlyArray<string>): string[] => lines.map(displayText);
  const pages = rendered.pages.map(shown);
  if (line && pages[0]) pages[0] = [line, '', ...pages[0]];
  return { form: rendered.form, pages };
}

function renderForm(c: RenderableCable): RenderedCable {
  const profile: EraProfile = c.profile;
  switch (profile) {
    case 'FRUS_1960S':
      return renderTelegram1962(c);
    case 'ADS_1973_79':
      return { form: 'ADS printout, 1973–79', pages: adsPages(c) };
    case 'CABLEGATE_2000S':
      return renderTeletype(c);
    case 'MODERN':
      return renderSmart(c);
    default:
      return assertNever(profile, 'era profile');
  }
}

/** The rendered cable as one text: pages one after the other, a blank line between them. */
export function renderedText(r: RenderedCable): string {
  return r.pages.map((p) => p.join('\n')).join('\n\n');
}
