/**
 * Where a FRUS-imported cable was published (issue 12 item 3): the volume id as the Office of the
 * Historian writes it ("frus1961-63v11") and the document number. Recorded by the importer in
 * `frus_sources` (migration 0013).
 */
export type FrusPublication = Readonly<{ volume: string; doc: number }>;

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(n: number): string {
  let rest = n;
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/**
 * "1961–63, Volume XI" from "frus1961-63v11"; "1964–68, Volume XVI, Part 1" from
 * "frus1964-68v16p1". A volume id of another shape is given as it is.
 */
export function frusVolumeTitle(volume: string): string {
  const m = /^frus(\d{4})(?:-(\d{2,4}))?v(\d+)(?:p(\d+))?$/i.exec(volume.trim());
  if (!m) return volume;
  const years = m[2] ? `${m[1]}–${m[2]}` : m[1]!;
  const part = m[4] ? `, Part ${Number(m[4])}` : '';
  return `${years}, Volume ${roman(Number(m[3]))}${part}`;
}

/** "Declassified — published in FRUS 1961–63, Volume XI, document 100", or null for other cables. */
export function publishedLine(p: FrusPublication | null): string | null {
  return p ? `Declassified — published in FRUS ${frusVolumeTitle(p.volume)}, document ${p.doc}` : null;
}
