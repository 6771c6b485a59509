import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { assertNever } from '../../../electron/domain/assertNever';
import { ShownText } from '../common/ShownText';
import { Working } from '../common/SlowWork';

/**
 * The small modal dialog of a chain action (pure view): the passphrase that unseals the signer's
 * key (sign, clear, approve), the comment of a refusal, the reason of a downgrade, or the
 * confirmation of a discard. The field has the focus, Enter submits, Escape cancels; main's
 * refusal (a wrong passphrase signs nothing; a rule error blocks) is shown in the dialog, which
 * stays open with the field selected for another try.
 */
export type DraftingDialogKind = 'submit' | 'clear' | 'approve' | 'refuse' | 'downgrade' | 'discard';

export type DraftingActionDialogProps = Readonly<{
  kind: DraftingDialogKind;
  /** The chain step it is about, e.g. "Cleared: Thomas K. Finletter". */
  stepLabel: string | null;
  pending: boolean;
  error: string | null;
  onSubmit(value: string): void;
  onClose(): void;
}>;

type Words = Readonly<{
  title: string;
  lede: string;
  field: 'passphrase' | 'text' | null;
  fieldLabel: string;
  submit: string;
  pending: string;
  minLength: number;
}>;

function wordsFor(kind: DraftingDialogKind): Words {
  const passphrase = { field: 'passphrase' as const, fieldLabel: 'Your passphrase', minLength: 1 };
  switch (kind) {
    case 'submit':
      return {
        ...passphrase,
        title: 'Sign the draft',
        lede: 'Your signature covers the draft exactly as it stands. Any later change voids it (rule 23).',
        submit: 'Sign and send',
        pending: 'Signing…',
      };
    case 'clear':
      return {
        ...passphrase,
        title: 'Clear the draft',
        lede: 'Your clearance is a signature over the draft as it stands; an edit after it voids it (rule 23).',
        submit: 'Clear',
        pending: 'Clearing…',
      };
    case 'approve':
      return {
        ...passphrase,
        title: 'Approve and release',
        lede: 'Your signature covers the draft and its release header; the cable is transmitted at once (rules 23, 24).',
        submit: 'Approve and release',
        pending: 'Releasing…',
      };
    case 'refuse':
      return {
        field: 'text',
        fieldLabel: 'Why you refuse clearance',
        minLength: 1,
        title: 'Refuse clearance',
        lede: 'The draft goes back to the drafter with your comment; the signatures made so far are voided.',
        submit: 'Refuse clearance',
        pending: 'Refusing…',
      };
    case 'downgrade':
      return {
        field: 'text',
        fieldLabel: 'Reason for the downgrade',
        minLength: 5,
        title: 'Authorize downgrade (rule 19)',
        lede: 'Allows this draft to carry a lower label than a cable it references. The reason is recorded in the audit trail.',
        submit: 'Authorize downgrade',
        pending: 'Recording…',
      };
    case 'discard':
      return {
        field: null,
        fieldLabel: '',
        minLength: 0,
        title: 'Discard this draft?',
        lede: 'The draft and its signatures are set aside; it can no longer be edited or released.',
        submit: 'Discard draft',
        pending: 'Discarding…',
      };
    default:
      return assertNever(kind, 'drafting dialog');
  }
}

export function DraftingActionDialog(props: DraftingActionDialogProps) {
  const { kind, pending, error } = props;
  const words = wordsFor(kind);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [value, setValue] = useState('');
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    // Refused: the field is selected so the next try replaces what was typed.
    if (error !== null && !pending) {
      fieldRef.current?.focus();
      fieldRef.current?.select();
    }
  }, [error, pending]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pending && value.trim().length >= words.minLength) props.onSubmit(value);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    if (!pending) props.onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog drafting-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-lede`}
      data-testid="drafting-dialog"
      data-kind={kind}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) props.onClose();
      }}
    >
      <form onSubmit={submit} className="dialog__form">
        <header className="dialog__head">
          <h2 id={`${id}-title`} className="dialog__title">
            {words.title}
          </h2>
          {props.stepLabel !== null && (
            <p className="dialog__lede">
              <ShownText text={props.stepLabel} />
            </p>
          )}
          <p id={`${id}-lede`} className="dialog__lede muted">
            {words.lede}
          </p>
        </header>
        {words.field !== null && (
          <div className="field">
            <label className="field-label" htmlFor={`${id}-field`}>
              {words.fieldLabel}
            </label>
            {words.field === 'passphrase' ? (
              <input
                ref={fieldRef}
                id={`${id}-field`}
                className="text-input"
                type="password"
                autoComplete="off"
                autoFocus
                disabled={pending}
                aria-invalid={error !== null ? true : undefined}
                aria-describedby={error !== null ? `${id}-error` : undefined}
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            ) : (
              <textarea
                ref={fieldRef}
                id={`${id}-field`}
                className="text-input drafting-dialog__text"
                rows={3}
                maxLength={kind === 'downgrade' ? 500 : 1000}
                autoFocus
                disabled={pending}
                aria-invalid={error !== null ? true : undefined}
                aria-describedby={error !== null ? `${id}-error` : undefined}
                value={value}
                onChange={(e) => setValue(e.target.value)}
                onKeyDown={(e) => {
                  // Enter sends, Shift+Enter starts a new line.
                  if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault();
                    e.currentTarget.form?.requestSubmit();
                  }
                }}
              />
            )}
          </div>
        )}
        <div className="form-error-slot dialog__error">
          {error !== null && (
            <p id={`${id}-error`} className="form-error" role="alert" data-testid="drafting-dialog-error">
              {error}
            </p>
          )}
        </div>
        <div className="panel__buttons dialog__buttons">
          <button
            type="submit"
            className="button button--primary"
            disabled={pending || value.trim().length < words.minLength}
            autoFocus={words.field === null}
            data-testid="drafting-dialog-submit"
          >
            {pending ? <Working words={words.pending} /> : words.submit}
          </button>
          <button type="button" className="button" onClick={props.onClose} disabled={pending}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
