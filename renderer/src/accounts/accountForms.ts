import type { AccountView, UserRole } from '../../../electron/domain/cable';
import type { Caption } from '../../../electron/domain/captions';
import type { ClearanceLevel } from '../../../electron/domain/classification';
import type { AccountChangesInput, NewAccountInput } from '../common/api';

/**
 * The account forms' draft and the requests it becomes. Pure. Main validates everything (and
 * decides who may manage whom); these only shape what was typed. One draft serves both forms, as
 * one fields component does (AccountsScreen `AccountFields`): creating uses every field but
 * `disabled`; editing changes only what `updateAccount` takes (`EDITABLE_FIELDS`).
 */
export type AccountDraft = Readonly<{
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
  /** Creating: the passphrase. Editing: a new one; '' keeps the current one. */
  passphrase: string;
  /** Editing only: the account may not sign in. */
  disabled: boolean;
}>;

export type AccountField = keyof AccountDraft;

export type AccountFormKind = 'create' | 'edit';

/** What `updateAccount` can change; the rest is fixed when the account is created. */
export const EDITABLE_FIELDS: ReadonlyArray<AccountField> = ['role', 'clearance', 'passphrase', 'disabled'];

/** The fields each form shows (AccountFields lays them out in one order for both). */
export function fieldsOf(kind: AccountFormKind): ReadonlySet<AccountField> {
  switch (kind) {
    case 'create':
      return new Set<AccountField>([
        'login',
        'displayName',
        'passphrase',
        'post',
        'office',
        'role',
        'clearance',
        'categories',
        'foreignNational',
        'nationality',
        'captionRoles',
      ]);
    case 'edit':
      return new Set(EDITABLE_FIELDS);
  }
}

/** Main's minimum (electron/core/services/accounts.ts MIN_PASSPHRASE_LENGTH), shown as a hint. */
export const PASSPHRASE_HINT_CHARS = 10;

export function emptyNewAccount(post: string): AccountDraft {
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
    disabled: false,
  };
}

/** The account as it is, with no new passphrase. */
export function editDraftOf(a: AccountView): AccountDraft {
  return {
    login: a.login,
    displayName: a.displayName,
    post: a.post.plad,
    office: a.office ?? '',
    role: a.role,
    clearance: a.clearance,
    categories: a.categories.join(', '),
    captionRoles: a.captionRoles,
    foreignNational: a.foreignNational,
    nationality: a.nationality ?? '',
    passphrase: '',
    disabled: a.disabled,
  };
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

export function createRequest(d: AccountDraft): NewAccountInput {
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
export function updateRequest(login: string, before: AccountView, d: AccountDraft): AccountChangesInput {
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
