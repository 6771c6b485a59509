import type { DirectoryView, StationKind } from '../../../electron/domain/cable';
import type { CollectiveInput, NewOfficeInput, NewStationInput } from '../common/api';

/**
 * The directory editor's drafts and the requests they become (DOMAIN.md §1.8: stations by PLAD,
 * their offices, collective addressees). Pure. Main validates everything (PLAD syntax, duplicate
 * stations and offices, unknown members) and decides who may edit; these only shape what was typed.
 */
export type Collective = DirectoryView['collectives'][number];

export type StationDraft = Readonly<{
  plad: string;
  name: string;
  shortName: string;
  kind: StationKind;
  /** ISO 3166 alpha-3, e.g. IRL; '' for none. */
  country: string;
  city: string;
}>;

export type OfficeDraft = Readonly<{ plad: string; code: string; name: string }>;

export type CollectiveDraft = Readonly<{
  name: string;
  description: string;
  /** PLADs, in directory order. */
  members: ReadonlyArray<string>;
  /** True when editing an existing collective (its name is then fixed). */
  existing: boolean;
  /** Narrows the member checklist as typed. */
  filter: string;
}>;

export const KIND_WORDS: Readonly<Record<StationKind, string>> = {
  DEPARTMENT: 'Department',
  WHITE_HOUSE: 'White House',
  EMBASSY: 'Embassy',
  MISSION: 'Mission',
  CONSULATE: 'Consulate',
  DELEGATION: 'Delegation',
  MILITARY_COMMAND: 'Military command',
  AGENCY: 'Agency',
};

export const EMPTY_STATION: StationDraft = {
  plad: '',
  name: '',
  shortName: '',
  kind: 'EMBASSY',
  country: '',
  city: '',
};

export function emptyOffice(plad: string): OfficeDraft {
  return { plad, code: '', name: '' };
}

export function newCollective(): CollectiveDraft {
  return { name: '', description: '', members: [], existing: false, filter: '' };
}

export function collectiveDraftOf(c: Collective): CollectiveDraft {
  return { name: c.name, description: c.description ?? '', members: [...c.members], existing: true, filter: '' };
}

/** Ticks or unticks a member, keeping the directory's order so the list reads the same way. */
export function toggleMember(
  d: CollectiveDraft,
  plad: string,
  on: boolean,
  order: ReadonlyArray<string>,
): CollectiveDraft {
  const chosen = new Set(d.members);
  if (on) chosen.add(plad);
  else chosen.delete(plad);
  return { ...d, members: order.filter((p) => chosen.has(p)) };
}

export function stationRequest(d: StationDraft): NewStationInput {
  const country = d.country.trim().toUpperCase();
  const city = d.city.trim();
  return {
    plad: d.plad.trim().toUpperCase(),
    name: d.name.trim(),
    shortName: d.shortName.trim(),
    kind: d.kind,
    country: country === '' ? null : country,
    city: city === '' ? null : city,
  };
}

export function officeRequest(d: OfficeDraft): NewOfficeInput {
  return { plad: d.plad, code: d.code.trim().toUpperCase(), name: d.name.trim() };
}

export type CollectiveCheck = Readonly<{ ok: true; request: CollectiveInput }> | Readonly<{ ok: false; error: string }>;

export function collectiveRequest(d: CollectiveDraft): CollectiveCheck {
  if (d.members.length === 0) return { ok: false, error: 'Tick at least one member station.' };
  const description = d.description.trim();
  return {
    ok: true,
    request: {
      name: d.name.trim().toUpperCase(),
      description: description === '' ? null : description,
      members: [...d.members],
    },
  };
}
