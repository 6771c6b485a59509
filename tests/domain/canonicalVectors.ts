import type { Draft } from '../../electron/domain/draft';

/**
 * The draft behind the canonical-encoding test vectors (docs/CANONICAL_ENCODING.md). Never edit
 * it: the vectors pin the bytes of encoding version 1.
 */
export const VECTOR_DRAFT: Draft = {
  profile: 'FRUS_1960S',
  originator: { plad: 'USMISSION USNATO' },
  series: 'POLTO',
  classification: 'SECRET',
  classificationReason: null,
  captions: ['EYES_ONLY'],
  dissem: [],
  relTo: [],
  eyesOnly: [{ person: 'rusk' }],
  subject: 'Reply to Topol 578 — “Jupiter” ⟨vector⟩',
  fileRef: '740.5/10-2862',
  tags: [],
  classAuthority: null,
  legacyEo: null,
  summary: null,
  references: [{ label: 'A', text: 'Topol 578', cable: 'TOPOL 578' }],
  addressees: [
    { plad: 'SECSTATE WASHDC', role: 'ACTION', precedence: 'IMMEDIATE', niact: false, for: ['rusk', 'ball', 'rusk'] },
    { collective: 'ALL NATO CAPITALS', role: 'INFO', precedence: 'ROUTINE', niact: false, for: [] },
  ],
  passes: [{ by: 'SECSTATE WASHDC', to: 'WHITE HOUSE WASHDC' }],
  paragraphs: [
    { n: 1, portion: 'S', fyi: false, text: 'Line one.\nLine "two"\tand a tab.' },
    { n: 2, portion: 'C', fyi: true, text: 'FYI passage. End FYI.' },
  ],
  niactJustified: true,
  drafters: ['duty-usro'],
  clearers: [
    { person: 'finletter', kind: 'CLEAR' },
    { office: { station: 'SECSTATE WASHDC', code: 'EUR' }, kind: 'INFO' },
  ],
  approver: 'finletter',
  signature: 'FINLETTER',
};
