import type { AddresseeRole, AddresseeView, CableView, PassView, RepeatView } from '../../../electron/domain/cable';
import { precedenceWords } from '../../../electron/domain/precedence';

/**
 * Plain-text lines of a cable's address block, worded the way the cable itself writes them
 * (DOMAIN.md §1.8: "AMEMBASSY CAIRO NIACT IMMEDIATE", per-addressee serials "TOPOL 578").
 * Pure string building; the view renders every result as a React text node.
 */

/**
 * "AMEMBASSY CAIRO NIACT IMMEDIATE", "USMISSION USNATO TOPOL 578": one addressee with its
 * precedence and serial. ROUTINE is left unsaid, as the address lines of a cable leave it
 * (the cable's own precedence is shown on a line of its own).
 */
export function addresseeWords(a: AddresseeView): string {
  const parts = [a.plad];
  const precedence = a.precedence === 'ROUTINE' && !a.niact ? null : precedenceWords(a.precedence, a.niact);
  if (precedence) parts.push(precedence);
  if (a.serial) parts.push(a.serial);
  let words = parts.join(' ');
  if (a.forPersons.length > 0) words += ` FOR ${a.forPersons.join(', ')} ONLY`;
  return words;
}

export type AddresseeLine = Readonly<{ role: AddresseeRole; words: string }>;

/**
 * An addressee list with collectives kept whole: members that came from a collective appear once
 * under its name ("ALL NATO CAPITALS"), and its EXEMPT members as "(EXCEPT …)" (ACP 127 FL9;
 * DOMAIN.md rule 11). A lone EXEMPT addressee reads "EXCEPT …".
 */
export function addresseeLines(list: ReadonlyArray<AddresseeView>): AddresseeLine[] {
  type Group = { name: string; members: AddresseeView[]; exempt: AddresseeView[] };
  const order: Array<AddresseeView | Group> = [];
  const byCollective = new Map<string, Group>();
  for (const a of list) {
    if (a.collective === null) {
      order.push(a);
      continue;
    }
    let group = byCollective.get(a.collective);
    if (!group) {
      group = { name: a.collective, members: [], exempt: [] };
      byCollective.set(a.collective, group);
      order.push(group);
    }
    (a.role === 'EXEMPT' ? group.exempt : group.members).push(a);
  }
  return order.map((entry): AddresseeLine => {
    if (!('members' in entry)) {
      return entry.role === 'EXEMPT'
        ? { role: 'EXEMPT', words: `EXCEPT ${entry.plad}` }
        : { role: entry.role, words: addresseeWords(entry) };
    }
    const first = entry.members[0];
    let words = entry.name;
    if (first && (first.precedence !== 'ROUTINE' || first.niact)) {
      words += ` ${precedenceWords(first.precedence, first.niact)}`;
    }
    if (entry.exempt.length > 0) words += ` (EXCEPT ${entry.exempt.map((e) => e.plad).join(', ')})`;
    return { role: first?.role ?? 'EXEMPT', words };
  });
}

/**
 * "USRO PASS AMEMBASSY PARIS": the passing post by its short name, as the seed's "USRO pass
 * Embassy" does, then the address it passes to (DOMAIN.md rule 17: the line sits with the captions).
 */
export function passWords(p: PassView): string {
  return `${(p.byName || p.by).toUpperCase()} PASS ${p.to}`;
}

/**
 * The address lines of one repeat (DOMAIN.md §1.8, rule 16), shown under "REPEATED TO":
 * action addressees bare, information addressees after "INFO", exemptions after "EXCEPT".
 */
export function repeatAddressLines(r: RepeatView): string[] {
  const lines = addresseeLines(r.addressees);
  return [
    ...lines.filter((l) => l.role === 'ACTION').map((l) => l.words),
    ...lines.filter((l) => l.role === 'INFO').map((l) => `INFO ${l.words}`),
    ...lines.filter((l) => l.role === 'EXEMPT').map((l) => l.words),
  ];
}

/** People or offices as a source note writes them: "Bundy and U. Alexis Johnson". */
export function nameList(names: ReadonlyArray<string>): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** True when the cable names anyone in its drafting block. */
export function hasDraftingBlock(c: CableView): boolean {
  return c.draftedBy.length + c.clearedBy.length + c.approvedBy.length > 0;
}
