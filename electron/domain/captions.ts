/**
 * Captions, dissemination controls and Eyes Only (DOMAIN.md §1.7, §4, §8a).
 * Captions are an ordered list (rule 12: most restrictive first, one per line).
 */
export const CAPTIONS = [
  'NODIS',
  'EXDIS',
  'LIMDIS',
  'STADIS',
  'EYES_ONLY',
  'SIPDIS',
  'SENSITIVE',
  'OFFICIAL_INFORMAL',
  'CHEROKEE',
  'ROGER',
  'AGREMENT',
  'DIRGEN',
  'MED',
] as const;
export type Caption = (typeof CAPTIONS)[number];

/** Channel captions: at most one per message (5 FAH-2 H-442; rule 12). */
export const CHANNEL_CAPTIONS: ReadonlySet<Caption> = new Set(['CHEROKEE', 'ROGER', 'AGREMENT', 'DIRGEN', 'MED']);

export function captionWords(c: Caption): string {
  switch (c) {
    case 'EYES_ONLY':
      return 'EYES ONLY';
    case 'OFFICIAL_INFORMAL':
      return 'OFFICIAL-INFORMAL';
    case 'AGREMENT':
      return 'AGRÉMENT CHANNEL';
    case 'DIRGEN':
      return 'DIRGEN CHANNEL';
    case 'MED':
      return 'MED CHANNEL';
    case 'ROGER':
      return 'ROGER CHANNEL';
    default:
      return c;
  }
}

/** Dissemination controls (ISM vocabulary, DOMAIN.md §4). REL TO carries country codes separately. */
export const DISSEM_CONTROLS = ['NOFORN', 'ORCON', 'REL_TO', 'FOUO'] as const;
export type DissemControl = (typeof DISSEM_CONTROLS)[number];

/**
 * Who an Eyes Only / "FOR x ONLY" restriction names (rule 14). A role such as "Ambassadors"
 * means each receiving post's principal (the seed's "eyes only info Ambassadors").
 */
export type EyesOnlyEntry =
  Readonly<{ kind: 'PERSON'; personId: number; name: string }> | Readonly<{ kind: 'PRINCIPALS' }>;
