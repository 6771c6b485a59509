import type { CableLines } from './adsText';
import type { CableView } from './cable';
import { renderCable, renderedText, type Publication } from './render';

/**
 * A cable as plain text in its era's form (issue 16 item 1; electron/domain/render): the 1961–63
 * telegram form, the 1973–79 ADS printout, the 2000s teletype text or the SMART-era record, each
 * with the "Declassified — published in FRUS …" line of a FRUS-imported cable. Used by the CLI's
 * `show` and the app's printout.
 */
export function formatCableText(c: CableView & CableLines & Publication): string {
  return renderedText(renderCable(c));
}
