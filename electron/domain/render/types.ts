import type { CableLines } from '../adsText';
import type { CableView } from '../cable';
import type { FrusPublication } from './published';

/**
 * Where a FRUS-imported cable was published (issue 12 item 3), shown as "Declassified — published
 * in FRUS …" above its markings; absent or null for every other cable. Part of the cable view.
 */
export type Publication = Readonly<{ published?: FrusPublication | null | undefined }>;

/** A cable as every era renderer takes it: the read model, the lines of a 1970s telegram, its publication. */
export type RenderableCable = CableView & CableLines & Publication;

/**
 * A cable rendered in its era's form: the form's name (shown above the rendering on screen) and
 * its pages, each a list of text lines. Pure data: the app shows the pages, the print path puts
 * each on a sheet of its own, `cableroom show` joins them.
 */
export type RenderedCable = Readonly<{
  /** "Department of State telegram form, 1961–63" … */
  form: string;
  pages: ReadonlyArray<ReadonlyArray<string>>;
}>;

/** A line centred in a field of `width` characters (the classification on the 1962 form). */
export function centred(text: string, width: number): string {
  return `${' '.repeat(Math.max(0, Math.floor((width - text.length) / 2)))}${text}`;
}

/** Two texts on one line, the second flush right at `width` ("OUTGOING TELEGRAM … Department of State"). */
export function leftRight(left: string, right: string, width: number): string {
  return `${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}`;
}
