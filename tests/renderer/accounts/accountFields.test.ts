import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import type { AccountView, PostView } from '../../../electron/domain/cable';
import { CAPTIONS, captionWords } from '../../../electron/domain/captions';
import { AccountFields } from '../../../renderer/src/accounts/AccountsScreen';
import {
  createRequest,
  editDraftOf,
  emptyNewAccount,
  isEmptyUpdate,
  updateRequest,
  type AccountDraft,
  type AccountFormKind,
} from '../../../renderer/src/accounts/accountForms';

/**
 * Issue 14 item 11: the create and edit forms of the accounts screen share one fields component
 * over one draft. Creating shows every field; editing only what main's updateAccount changes.
 */

const posts: ReadonlyArray<PostView> = [
  { plad: 'USMISSION USNATO', name: 'U.S. Mission to NATO', offices: [{ code: 'POL', name: 'Political Section' }] },
];

const jdoe: AccountView = {
  login: 'jdoe',
  displayName: 'Jane Doe',
  post: { plad: 'USMISSION USNATO', name: 'U.S. Mission to NATO' },
  office: 'POL',
  role: 'trainee',
  clearance: 'CONFIDENTIAL',
  categories: ['NATO'],
  captionRoles: ['EXDIS'],
  foreignNational: false,
  nationality: null,
  isPrincipal: false,
  disabled: false,
  failedSignIns: 0,
};

/** The labels the fields component renders for a form, in order. */
function labels(kind: AccountFormKind, draft: AccountDraft): string[] {
  const html = renderToStaticMarkup(createElement(AccountFields, { kind, draft, posts, onChange: () => undefined }));
  return [...html.matchAll(/<(?:label|legend)[^>]*>(.*?)<\/(?:label|legend)>/g)].map((m) =>
    (m[1] ?? '').replace(/<[^>]+>/g, '').trim(),
  );
}

describe('AccountFields', () => {
  test('creating shows every field of a new account', () => {
    expect(labels('create', emptyNewAccount('USMISSION USNATO'))).toEqual([
      'Login',
      'Display name',
      'Passphrase',
      'Post',
      'Office',
      'Role',
      'Clearance',
      'Categories',
      'Foreign national',
      'Nationality',
      'Caption roles',
      ...CAPTIONS.map(captionWords),
    ]);
  });

  test('editing shows the same role, clearance and passphrase fields, and only what main can change', () => {
    const edit = labels('edit', editDraftOf(jdoe));
    expect(edit).toEqual(['Role', 'Clearance', 'New passphrase', 'Account disabled']);
    const create = labels('create', emptyNewAccount('USMISSION USNATO'));
    expect(create).toEqual(expect.arrayContaining(['Role', 'Clearance']));
    expect(create).not.toContain('Account disabled');
  });

  test('the edit draft starts from the account as it is, with no new passphrase', () => {
    const d = editDraftOf(jdoe);
    expect(d).toMatchObject({
      login: 'jdoe',
      post: 'USMISSION USNATO',
      office: 'POL',
      categories: 'NATO',
      passphrase: '',
    });
    expect(isEmptyUpdate(updateRequest('jdoe', jdoe, d))).toBe(true);
  });
});

describe('the requests the draft becomes', () => {
  test('an edit sends only what changed', () => {
    const d = { ...editDraftOf(jdoe), clearance: 'SECRET', disabled: true } as const;
    expect(updateRequest('jdoe', jdoe, d)).toEqual({ login: 'jdoe', clearance: 'SECRET', disabled: true });
  });

  test('a new account trims, upper-cases categories and nationality, and drops an empty office', () => {
    const d: AccountDraft = {
      ...emptyNewAccount('USMISSION USNATO'),
      login: ' jdoe ',
      displayName: ' Jane Doe ',
      categories: 'nato, cosmic ,nato',
      foreignNational: true,
      nationality: 'gbr',
      passphrase: 'quarantine-line-62',
    };
    expect(createRequest(d)).toEqual({
      login: 'jdoe',
      displayName: 'Jane Doe',
      post: 'USMISSION USNATO',
      role: 'trainee',
      clearance: 'CONFIDENTIAL',
      categories: ['NATO', 'COSMIC'],
      captionRoles: [],
      foreignNational: true,
      nationality: 'GBR',
      passphrase: 'quarantine-line-62',
    });
  });
});
