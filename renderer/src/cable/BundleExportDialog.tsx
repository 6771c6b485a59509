import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import type { ViewMarking } from '../common/viewMarking';
import { ClassificationChip } from '../common/markings';
import { ShownText } from '../common/ShownText';
import { Working } from '../common/SlowWork';

/**
 * Asks for the passphrase that signs a bundle (pure view; issue 6): the exporter signs the bundle
 * with their own key, which only their passphrase unseals in main. Enter signs and saves, Escape
 * cancels (and only closes the dialog, never the cable behind it). A wrong passphrase keeps the
 * dialog open with main's words and the field ready for another try.
 */
export type BundleExportDialogProps = Readonly<{
  cableRef: string;
  /** The cable's marking: the file carries it and must be handled at that level. */
  marking: ViewMarking;
  passphrase: string;
  pending: boolean;
  error: string | null;
  onPassphraseChange(passphrase: string): void;
  onSubmit(): void;
  onClose(): void;
}>;

export function BundleExportDialog(props: BundleExportDialogProps) {
  const { pending, error } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const titleId = `${id}-title`;
  const inputId = `${id}-passphrase`;
  const errorId = `${id}-error`;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    // After a refusal the keyboard is back in the field, for another try.
    if (error !== null && !pending) inputRef.current?.focus();
  }, [error, pending]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    // Handled here, so the cable view's own Escape (back to the inbox) does not fire too.
    e.preventDefault();
    props.onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog bundle-dialog"
      aria-labelledby={titleId}
      data-testid="bundle-export-dialog"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <form onSubmit={submit} className="dialog__form">
        <header className="dialog__head">
          <h2 id={titleId} className="dialog__title">
            Export <ShownText text={props.cableRef} /> as a signed bundle
          </h2>
          <p className="dialog__lede muted">
            The bundle carries the cable with its signature chain and is signed with your key, so another Cableroom can
            check that nothing was changed on the way. Type your passphrase to sign it.
          </p>
          <p className="dialog__warning bundle-dialog__marking">
            <ClassificationChip classification={props.marking.classification} text={props.marking.text} />{' '}
            <span>The file is classified as the cable: store and carry it accordingly.</span>
          </p>
        </header>
        <div className="field">
          <label className="field-label" htmlFor={inputId}>
            Your passphrase
          </label>
          <input
            ref={inputRef}
            id={inputId}
            className="text-input"
            type="password"
            autoComplete="off"
            autoFocus
            disabled={pending}
            value={props.passphrase}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            onChange={(e) => props.onPassphraseChange(e.target.value)}
            data-testid="bundle-passphrase"
          />
        </div>
        <div className="form-error-slot dialog__error">
          {error !== null && (
            <p id={errorId} className="form-error" role="alert" data-testid="bundle-export-error">
              {error}
            </p>
          )}
        </div>
        <div className="panel__buttons dialog__buttons">
          <button type="submit" className="button button--primary" disabled={pending} data-testid="bundle-sign">
            {pending ? <Working words="Signing…" /> : 'Sign and save'}
          </button>
          <button type="button" className="button" onClick={props.onClose} disabled={pending}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
