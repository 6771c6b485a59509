/**
 * The controlled TAGS vocabulary offered by the composer and checked by rule 21 (DOMAIN.md §1.6;
 * 5 FAH-3 H-011). A training subset: the subject TAGS most cables use, and 2-letter geographic
 * codes of the 1970s system (not always ISO: UR is the USSR) for the posts of the exercise.
 */
export const SUBJECT_TAG_LIST = [
  ['AADP', 'Automated data processing'],
  ['ABLD', 'Buildings and grounds'],
  ['AMGT', 'Management operations'],
  ['APER', 'Personnel'],
  ['ASEC', 'Security'],
  ['CASC', 'Assistance to citizens'],
  ['CVIS', 'Visas'],
  ['ECON', 'Economic conditions'],
  ['EFIN', 'Financial and monetary affairs'],
  ['ENRG', 'Energy'],
  ['ETRD', 'Foreign trade'],
  ['MARR', 'Military and defense arrangements'],
  ['MCAP', 'Military capabilities'],
  ['MNUC', 'Military nuclear applications'],
  ['OVIP', 'Visits of important persons'],
  ['PARM', 'Arms control and disarmament'],
  ['PGOV', 'Internal governmental affairs'],
  ['PINR', 'Intelligence and research'],
  ['PINT', 'Internal political affairs'],
  ['PREL', 'External political relations'],
  ['SHUM', 'Human rights'],
  ['TGEN', 'General technology'],
] as const;

export const GEO_TAG_LIST = [
  ['US', 'United States'],
  ['UR', 'USSR'],
  ['CU', 'Cuba'],
  ['FR', 'France'],
  ['UK', 'United Kingdom'],
  ['GW', 'West Germany'],
  ['IT', 'Italy'],
  ['TU', 'Turkey'],
  ['GR', 'Greece'],
  ['BE', 'Belgium'],
  ['NL', 'Netherlands'],
  ['LU', 'Luxembourg'],
  ['NO', 'Norway'],
  ['DA', 'Denmark'],
  ['IC', 'Iceland'],
  ['PO', 'Portugal'],
  ['CA', 'Canada'],
  ['NATO', 'North Atlantic Treaty Organization'],
  ['UN', 'United Nations'],
] as const;

export const SUBJECT_TAGS: ReadonlySet<string> = new Set(SUBJECT_TAG_LIST.map(([t]) => t));
export const GEO_TAGS: ReadonlySet<string> = new Set(GEO_TAG_LIST.map(([t]) => t));
