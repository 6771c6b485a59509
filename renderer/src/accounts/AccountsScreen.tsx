import { useId, type FormEvent } from 'react';
import { USER_ROLES, type AccountView, type PostView, type UserRole } from '../../../electron/domain/cable';
import { CAPTIONS, captionWords, type Caption } from '../../../electron/domain/captions';
import { CLEARANCE_LEVELS, classificationWords, type ClearanceLevel } from '../../../electron/domain/classification';
import { fieldsOf, PASSPHRASE_HINT_CHARS, type AccountDraft, type AccountFormKind } from './accountForms';
import { UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { ShownText } from '../common/ShownText';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import type { LoadProgress } from '../common/loader';
import { SlowWorkStatus, Working } from '../common/SlowWork';

/**
 * Account management for instructors and admins (pure view): the list, a form to create an
 * account and one to change an account's role, clearance, state or passphrase. Who may manage
 * whom is main's decision; its refusal is shown word for word. The view shows no cable data, so
 * it is UNCLASSIFIED.
 */
export type AccountsMode =
  | Readonly<{ kind: 'list' }>
  | Readonly<{ kind: 'create'; draft: AccountDraft }>
  | Readonly<{ kind: 'edit'; account: AccountView; draft: AccountDraft }>;

export type AccountsScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  accounts: ReadonlyArray<AccountView> | null;
  posts: ReadonlyArray<PostView>;
  listError: string | null;
  listProgress: LoadProgress;
  mode: AccountsMode;
  pending: boolean;
  /** Main's refusal of the last submit, verbatim. */
  formError: string | null;
  /** What the last submit did ("Created account jdoe."). */
  notice: string | null;
  onNew(): void;
  onEdit(account: AccountView): void;
  onCancel(): void;
  /** The open form's draft changed. */
  onDraftChange(draft: AccountDraft): void;
  /** The open form (create or edit) is submitted. */
  onSubmit(): void;
}>;

export const ROLE_WORDS: Readonly<Record<UserRole, string>> = {
  trainee: 'Trainee',
  officer: 'Officer',
  instructor: 'Instructor',
  admin: 'Administrator',
  historian: 'Historian',
};

export function AccountsScreen(props: AccountsScreenProps) {
  const { mode, accounts } = props;
  return (
    <WorkspaceFrame chrome={props.chrome} marking={UNCLASSIFIED_MARKING} testId="screen-accounts">
      <main className="admin-page">
        <header className="admin-page__header admin-page__header--row">
          <div>
            <h2 className="admin-page__title">Accounts</h2>
            <p className="admin-page__lede muted">
              Instructors manage trainees and officers; administrators manage everyone.
            </p>
          </div>
          {mode.kind === 'list' && (
            <button type="button" className="button button--primary" onClick={props.onNew} data-testid="new-account">
              New account
            </button>
          )}
        </header>

        {props.notice !== null && (
          <p className="notice" role="status" data-testid="accounts-notice">
            {props.notice}
          </p>
        )}
        {mode.kind !== 'list' && <AccountForm {...props} mode={mode} />}
        {props.listError !== null && (
          <p className="form-error admin-page__error" role="alert">
            {props.listError}
          </p>
        )}

        <div className="table-wrap">
          <table className="data-table" data-testid="accounts-table" aria-busy={props.listProgress.busy}>
            <thead>
              <tr>
                <th scope="col">Login</th>
                <th scope="col">Name</th>
                <th scope="col">Post · office</th>
                <th scope="col">Role</th>
                <th scope="col">Clearance</th>
                <th scope="col">Foreign national</th>
                <th scope="col">Caption roles</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts?.map((a) => (
                <tr key={a.login} data-testid="account-row" data-login={a.login}>
                  <td className="mono">{a.login}</td>
                  <td>
                    <ShownText text={a.displayName} />
                  </td>
                  <td className="muted" title={a.post.name}>
                    {a.post.plad}
                    {a.office ? ` · ${a.office}` : ''}
                  </td>
                  <td>{ROLE_WORDS[a.role]}</td>
                  <td>{classificationWords(a.clearance)}</td>
                  <td>{a.foreignNational ? `Yes (${a.nationality ?? '—'})` : 'No'}</td>
                  <td>{a.captionRoles.length > 0 ? a.captionRoles.map(captionWords).join(', ') : '—'}</td>
                  <td>
                    {a.disabled ? (
                      <span className="status-tag status-tag--off">Disabled</span>
                    ) : (
                      <span className="status-tag">Active</span>
                    )}
                  </td>
                  <td className="num">
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => props.onEdit(a)}
                      aria-label={`Edit ${a.login}`}
                      disabled={mode.kind !== 'list' || props.pending}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <SlowWorkStatus slow={props.listProgress.slow} label="Loading accounts…" testId="accounts-progress" />
        </div>
      </main>
    </WorkspaceFrame>
  );
}

function FormError(props: { error: string | null; id: string }) {
  return (
    <div className="form-error-slot">
      {props.error !== null && (
        <p id={props.id} className="form-error" role="alert" data-testid="account-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The form around the fields: the same frame for creating and editing, worded for each. */
const FORM_WORDS: Readonly<Record<AccountFormKind, { testId: string; submit: string; pending: string }>> = {
  create: { testId: 'create-account-form', submit: 'Create account', pending: 'Creating…' },
  edit: { testId: 'edit-account-form', submit: 'Save changes', pending: 'Saving…' },
};

function AccountForm(props: AccountsScreenProps & { mode: Exclude<AccountsMode, { kind: 'list' }> }) {
  const { mode } = props;
  const id = useId();
  const words = FORM_WORDS[mode.kind];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <form className="panel account-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid={words.testId}>
      <h3 id={`${id}-title`} className="panel__title">
        {mode.kind === 'create' ? (
          'New account'
        ) : (
          <>
            Edit <span className="mono">{mode.account.login}</span> · <ShownText text={mode.account.displayName} />
          </>
        )}
      </h3>
      <fieldset className="form-grid" disabled={props.pending}>
        <AccountFields kind={mode.kind} draft={mode.draft} posts={props.posts} onChange={props.onDraftChange} />
      </fieldset>
      <FormError error={props.formError} id={`${id}-error`} />
      <div className="panel__buttons">
        <button type="submit" className="button button--primary" disabled={props.pending}>
          {props.pending ? <Working words={words.pending} /> : words.submit}
        </button>
        <button type="button" className="button" onClick={props.onCancel} disabled={props.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * An account's fields, for both forms (issue 14 item 11): creating shows them all; editing shows
 * only what main's `updateAccount` changes (accountForms.ts `fieldsOf`), with the passphrase
 * worded as a new one that may be left empty.
 */
export function AccountFields(props: {
  kind: AccountFormKind;
  draft: AccountDraft;
  posts: ReadonlyArray<PostView>;
  onChange(draft: AccountDraft): void;
}) {
  const { kind, draft: d, posts } = props;
  const shows = fieldsOf(kind);
  const id = useId();
  const f = (name: string) => `${id}-${name}`;
  const set = (patch: Partial<AccountDraft>) => props.onChange({ ...d, ...patch });
  const offices = posts.find((p) => p.plad === d.post)?.offices ?? [];
  const toggleCaption = (c: Caption, on: boolean) =>
    set({
      captionRoles: on
        ? CAPTIONS.filter((x) => x === c || d.captionRoles.includes(x))
        : d.captionRoles.filter((x) => x !== c),
    });

  const role = (
    <div className="field">
      <label className="field-label" htmlFor={f('role')}>
        Role
      </label>
      <select
        id={f('role')}
        className="text-input"
        value={d.role}
        onChange={(e) => set({ role: e.target.value as UserRole })}
      >
        {USER_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_WORDS[r]}
          </option>
        ))}
      </select>
    </div>
  );
  const clearance = (
    <div className="field">
      <label className="field-label" htmlFor={f('clearance')}>
        Clearance
      </label>
      <select
        id={f('clearance')}
        className="text-input"
        value={d.clearance}
        onChange={(e) => set({ clearance: e.target.value as ClearanceLevel })}
      >
        {CLEARANCE_LEVELS.map((c) => (
          <option key={c} value={c}>
            {classificationWords(c)}
          </option>
        ))}
      </select>
    </div>
  );
  const passphrase = (
    <div className="field">
      <label className="field-label" htmlFor={f('passphrase')}>
        {kind === 'create' ? 'Passphrase' : 'New passphrase'}
      </label>
      <input
        id={f('passphrase')}
        className="text-input"
        type="password"
        autoComplete="new-password"
        placeholder={kind === 'edit' ? 'leave empty to keep' : undefined}
        aria-describedby={f('passphrase-hint')}
        value={d.passphrase}
        onChange={(e) => set({ passphrase: e.target.value })}
      />
      <span id={f('passphrase-hint')} className="field-hint muted">
        At least {PASSPHRASE_HINT_CHARS} characters.
      </span>
    </div>
  );

  return (
    <>
      {shows.has('login') && (
        <div className="field">
          <label className="field-label" htmlFor={f('login')}>
            Login
          </label>
          <input
            id={f('login')}
            className="text-input mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="lowercase, e.g. jdoe"
            value={d.login}
            onChange={(e) => set({ login: e.target.value })}
          />
        </div>
      )}
      {shows.has('displayName') && (
        <div className="field">
          <label className="field-label" htmlFor={f('name')}>
            Display name
          </label>
          <input
            id={f('name')}
            className="text-input"
            autoComplete="off"
            value={d.displayName}
            onChange={(e) => set({ displayName: e.target.value })}
          />
        </div>
      )}
      {kind === 'create' && shows.has('passphrase') && passphrase}
      {shows.has('post') && (
        <div className="field">
          <label className="field-label" htmlFor={f('post')}>
            Post
          </label>
          <select
            id={f('post')}
            className="text-input"
            value={d.post}
            onChange={(e) => set({ post: e.target.value, office: '' })}
          >
            {posts.map((p) => (
              <option key={p.plad} value={p.plad}>
                {p.name} ({p.plad})
              </option>
            ))}
          </select>
        </div>
      )}
      {shows.has('office') && (
        <div className="field">
          <label className="field-label" htmlFor={f('office')}>
            Office
          </label>
          <select
            id={f('office')}
            className="text-input"
            value={d.office}
            onChange={(e) => set({ office: e.target.value })}
          >
            <option value="">No office</option>
            {offices.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name} ({o.code})
              </option>
            ))}
          </select>
        </div>
      )}
      {/* Creating pairs role and clearance on one row beside the many fields; editing lists them. */}
      {kind === 'create' ? (
        <div className="field-pair">
          {role}
          {clearance}
        </div>
      ) : (
        <>
          {role}
          {clearance}
        </>
      )}
      {kind === 'edit' && shows.has('passphrase') && passphrase}
      {shows.has('categories') && (
        <div className="field">
          <label className="field-label" htmlFor={f('categories')}>
            Categories
          </label>
          <input
            id={f('categories')}
            className="text-input mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="comma separated, e.g. NATO"
            value={d.categories}
            onChange={(e) => set({ categories: e.target.value })}
          />
        </div>
      )}
      {shows.has('foreignNational') && (
        <div className="field field--inline">
          <label className="check">
            <input
              type="checkbox"
              checked={d.foreignNational}
              onChange={(e) =>
                set({ foreignNational: e.target.checked, nationality: e.target.checked ? d.nationality : '' })
              }
            />
            Foreign national
          </label>
          {shows.has('nationality') && (
            <div className="field field--narrow">
              <label className="field-label" htmlFor={f('nationality')}>
                Nationality
              </label>
              <input
                id={f('nationality')}
                className="text-input mono"
                autoComplete="off"
                spellCheck={false}
                placeholder="GBR"
                maxLength={3}
                disabled={!d.foreignNational}
                value={d.nationality}
                onChange={(e) => set({ nationality: e.target.value.toUpperCase() })}
              />
            </div>
          )}
        </div>
      )}
      {shows.has('captionRoles') && (
        <fieldset className="field caption-roles">
          <legend className="field-label">Caption roles</legend>
          <div className="caption-roles__list">
            {CAPTIONS.map((c) => (
              <label key={c} className="check check--small">
                <input
                  type="checkbox"
                  checked={d.captionRoles.includes(c)}
                  onChange={(e) => toggleCaption(c, e.target.checked)}
                />
                {captionWords(c)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {shows.has('disabled') && (
        <div className="field field--inline">
          <label className="check">
            <input type="checkbox" checked={d.disabled} onChange={(e) => set({ disabled: e.target.checked })} />
            Account disabled
          </label>
        </div>
      )}
    </>
  );
}
