import type { DirectoryView } from '../../../electron/domain/cable';
import { captionWords, type Caption } from '../../../electron/domain/captions';
import type { RepeatCableInput } from '../common/api';

/**
 * The repeat form's draft and the request it becomes (DOMAIN.md §1.8, rule 16). Pure. Main decides
 * everything that matters (who may repeat, whether the approver qualifies, whether the passphrase
 * is right); this only shapes what was typed and catches an empty form before it is sent.
 */
export type RepeatDraft = Readonly<{
  /** PLADs and collective names, in the order they were ticked. */
  to: ReadonlyArray<string>;
  /** Narrows the addressee list as typed. */
  filter: string;
  approverLogin: string;
  approverPassphrase: string;
  note: string;
}>;

export const EMPTY_REPEAT: RepeatDraft = { to: [], filter: '', approverLogin: '', approverPassphrase: '', note: '' };

/** Rule 16: a repeat of a cable with one of these captions needs the originator's approver or S/S. */
const NEEDS_APPROVAL: ReadonlyArray<Caption> = ['NODIS', 'EXDIS', 'EYES_ONLY'];

/** The caption lines of the cable (as CableView writes them) that make a repeat need approval. */
export function approvalCaptions(captionLines: ReadonlyArray<string>): ReadonlyArray<string> {
  return NEEDS_APPROVAL.map(captionWords).filter((w) => captionLines.includes(w));
}

export function toggleAddressee(d: RepeatDraft, name: string, on: boolean): RepeatDraft {
  const rest = d.to.filter((x) => x !== name);
  return { ...d, to: on ? [...rest, name] : rest };
}

export type AddresseeChoice = Readonly<{
  /** What is sent: a PLAD or a collective name. */
  name: string;
  kind: 'station' | 'collective';
  /** "Embassy Moscow", or the collective's description and size. */
  gloss: string;
}>;

/** Every station and collective, collectives first; `filter` matches name or gloss, any case. */
export function addresseeChoices(directory: DirectoryView | null, filter: string): ReadonlyArray<AddresseeChoice> {
  if (!directory) return [];
  const all: AddresseeChoice[] = [
    ...directory.collectives.map((c) => ({
      name: c.name,
      kind: 'collective' as const,
      gloss: `${c.members.length} ${c.members.length === 1 ? 'post' : 'posts'}${c.description ? ` · ${c.description}` : ''}`,
    })),
    ...directory.stations.map((s) => ({ name: s.plad, kind: 'station' as const, gloss: s.shortName })),
  ];
  const words = filter.trim().toUpperCase();
  if (words === '') return all;
  return all.filter((c) => c.name.toUpperCase().includes(words) || c.gloss.toUpperCase().includes(words));
}

export type RepeatCheck = Readonly<{ ok: true; request: RepeatCableInput }> | Readonly<{ ok: false; error: string }>;

export function repeatRequest(cableId: number, d: RepeatDraft): RepeatCheck {
  if (d.to.length === 0) return { ok: false, error: 'Choose at least one station or collective to repeat to.' };
  const login = d.approverLogin.trim().toLowerCase();
  if (login !== '' && d.approverPassphrase === '')
    return { ok: false, error: `Enter ${login}'s passphrase: the approver confirms in person (rule 16).` };
  if (login === '' && d.approverPassphrase !== '')
    return { ok: false, error: 'Enter the approver’s login with the passphrase.' };
  const note = d.note.trim();
  return {
    ok: true,
    request: {
      cableId,
      to: [...d.to],
      ...(login !== '' ? { approver: { login, passphrase: d.approverPassphrase } } : {}),
      ...(note !== '' ? { note } : {}),
    },
  };
}
