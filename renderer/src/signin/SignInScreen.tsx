import { useEffect, useId, useRef, type FormEvent } from 'react';
import type { UserSummary } from '../../../electron/domain/cable';
import { classificationWords } from '../../../electron/domain/classification';
import { ClassificationBanner } from '../common/markings';
import { ShownText, shownText } from '../common/ShownText';
import { SlowWorkStatus, Working } from '../common/SlowWork';

/**
 * Sign-in (pure view). The persona list is a native radio group, so arrow keys move between
 * people and Tab reaches the passphrase; every control has a visible label.
 */
export type SignInScreenProps = Readonly<{
  users: ReadonlyArray<UserSummary> | null;
  usersError: string | null;
  /** The personas have been loading for SLOW_WORK_MS. */
  usersSlow: boolean;
  selectedLogin: string | null;
  passphrase: string;
  pending: boolean;
  /** Shown under the form; a failed sign-in or an unreachable service. */
  error: string | null;
  /** Bumped by the container after a failure so the passphrase field takes focus again. */
  focusPassphraseToken: number;
  onSelectLogin(login: string): void;
  onPassphraseChange(value: string): void;
  onSubmit(): void;
}>;

const ROLE_WORDS: Readonly<Record<UserSummary['role'], string>> = {
  trainee: 'Trainee',
  officer: 'Officer',
  instructor: 'Instructor',
  admin: 'Administrator',
  historian: 'Historian',
};

export function SignInScreen(props: SignInScreenProps) {
  const passphraseId = useId();
  const errorId = useId();
  const passphraseRef = useRef<HTMLInputElement>(null);
  const personasRef = useRef<HTMLFieldSetElement>(null);
  const havePersonas = props.users !== null && props.users.length > 0;

  // Start with the keyboard in the persona group: arrows choose, Tab goes on to the passphrase.
  useEffect(() => {
    if (!havePersonas) return;
    const group = personasRef.current;
    if (!group || group.contains(document.activeElement)) return;
    const target =
      group.querySelector<HTMLInputElement>('input[type="radio"]:checked') ??
      group.querySelector<HTMLInputElement>('input[type="radio"]');
    target?.focus();
  }, [havePersonas]);

  useEffect(() => {
    if (props.focusPassphraseToken > 0) passphraseRef.current?.focus();
  }, [props.focusPassphraseToken]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  const selected = props.users?.find((u) => u.login === props.selectedLogin) ?? null;
  const canSubmit = selected !== null && props.passphrase.length > 0 && !props.pending;

  return (
    <div className="screen screen--sign-in" data-testid="screen-sign-in">
      <header>
        <ClassificationBanner classification="UNCLASSIFIED" position="top" />
      </header>
      <main className="sign-in">
        <div className="sign-in__card">
          <header className="sign-in__header">
            <h1 className="wordmark">Cableroom</h1>
            <p className="sign-in__lede">Diplomatic cable traffic trainer. Choose your persona and sign in.</p>
          </header>
          <form className="sign-in__form" onSubmit={submit} noValidate>
            <fieldset className="persona-list" disabled={props.pending} ref={personasRef}>
              <legend className="field-label">Who is signing in?</legend>
              {props.users === null && props.usersError === null && (
                <SlowWorkStatus slow={props.usersSlow} label="Loading personas…" testId="personas-progress" />
              )}
              {props.usersError !== null && (
                <p className="form-error" role="alert">
                  {props.usersError}
                </p>
              )}
              {props.users?.map((u) => (
                <label key={u.login} className="persona" data-testid="persona">
                  <input
                    type="radio"
                    name="login"
                    value={u.login}
                    checked={props.selectedLogin === u.login}
                    onChange={() => props.onSelectLogin(u.login)}
                  />
                  <span className="persona__text">
                    <span className="persona__name">
                      <ShownText text={u.displayName} />
                      <span className="persona__login" aria-hidden="true">
                        {u.login}
                      </span>
                    </span>
                    <span className="persona__meta" title={u.post.name}>
                      {u.post.name}
                    </span>
                    <span className="persona__meta">
                      {ROLE_WORDS[u.role]} · cleared {classificationWords(u.clearance)}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="sign-in__submit-row">
              <div className="field">
                <label className="field-label" htmlFor={passphraseId}>
                  Passphrase{selected ? ` for ${shownText(selected.displayName)}` : ''}
                </label>
                <input
                  id={passphraseId}
                  ref={passphraseRef}
                  className="text-input"
                  type="password"
                  autoComplete="current-password"
                  spellCheck={false}
                  value={props.passphrase}
                  disabled={props.pending}
                  aria-invalid={props.error !== null ? true : undefined}
                  aria-describedby={props.error !== null ? errorId : undefined}
                  onChange={(e) => props.onPassphraseChange(e.target.value)}
                />
              </div>
              <button type="submit" className="button button--primary" disabled={!canSubmit}>
                {props.pending ? <Working words="Signing in…" /> : 'Sign in'}
              </button>
            </div>
            <div className="form-error-slot">
              {props.error !== null && (
                <p id={errorId} className="form-error" role="alert" data-testid="sign-in-error">
                  {props.error}
                </p>
              )}
            </div>
          </form>
        </div>
      </main>
      <footer>
        <ClassificationBanner classification="UNCLASSIFIED" position="bottom" />
      </footer>
    </div>
  );
}
