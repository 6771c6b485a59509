import type { AccountView, UserRole } from '../../../electron/domain/cable';
import type { Caption } from '../../../electron/domain/captions';
import type { ClearanceLevel } from '../../../electron/domain/classification';
import type { AccountChangesInput, NewAccountInput } from '../shared/api';

/**
 * The account forms' drafts and the requests they become. Pure. Main validates everything (and
 * decides who may manage whom); these only shape what was typed.
 */
export type NewAccountDraft = Readonly<{
  login: string;
  displayName: string;
  /** PLAD of the post. */
  post: string;
  /** Office code at the post; '' for none. */
  office: string;
  role: UserRole;
  clearance: ClearanceLevel;
  /** Restrictive categories, comma separated as typed. */
  categories: string;
  captionRoles: ReadonlyArray<Caption>;
  foreignNational: boolean;
  nationality: string;
  passphrase: string;
}>;

export type AccountEditDraft = Readonly<{
  role: UserRole;
  clearance: ClearanceLevel;
  disabled: boolean;
  /** A new passphrase; '' keeps the current one. */
  passphrase: string;
}>;

/** Main's minimum (electron/core/services/accounts.ts MIN_PASSPHRASE_LENGTH), shown as a hint. */
export const PASSPHRASE_HINT_CHARS = 10;

export function emptyNewAccount(post: string): NewAccountDraft {
  return {
    login: '',
    displayName: '',
    post,
    office: '',
    role: 'trainee',
    clearance: 'CONFIDENTIAL',
    categories: '',
    captionRoles: [],
    foreignNational: false,
    nationality: '',
    passphrase: '',
  };
}

export function editDraftOf(a: AccountView): AccountEditDraft {
  return { role: a.role, clearance: a.clearance, disabled: a.disabled, passphrase: '' };
}

/** "nato, cosmic " → ["NATO", "COSMIC"]. */
export function parseCategories(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c.length > 0),
    ),
  ];
}

export function createRequest(d: NewAccountDraft): NewAccountInput {
  return {
    login: d.login.trim(),
    displayName: d.displayName.trim(),
    post: d.post,
    ...(d.office ? { office: d.office } : {}),
    role: d.role,
    clearance: d.clearance,
    categories: parseCategories(d.categories),
    captionRoles: [...d.captionRoles],
    foreignNational: d.foreignNational,
    ...(d.foreignNational ? { nationality: d.nationality.trim().toUpperCase() } : {}),
    passphrase: d.passphrase,
  };
}

/** Only what changed, so an instructor's edit of a trainee's clearance does not resend the role. */
export function updateRequest(login: string, before: AccountView, d: AccountEditDraft): AccountChangesInput {
  return {
    login,
    ...(d.role !== before.role ? { role: d.role } : {}),
    ...(d.clearance !== before.clearance ? { clearance: d.clearance } : {}),
    ...(d.disabled !== before.disabled ? { disabled: d.disabled } : {}),
    ...(d.passphrase !== '' ? { passphrase: d.passphrase } : {}),
  };
}

/** True when the edit would change nothing. */
export function isEmptyUpdate(u: AccountChangesInput): boolean {
  return Object.keys(u).length === 1;
}
