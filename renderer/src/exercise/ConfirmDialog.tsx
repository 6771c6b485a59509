import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { Working } from '../common/SlowWork';

/**
 * A modal confirmation (the native <dialog>, as the drafting desk's): the title and what follows,
 * the confirming button first and focused, Escape or Cancel to step back. Used before ending an
 * exercise, which cannot be undone.
 */
export function ConfirmDialog(props: {
  title: string;
  lede: string;
  confirm: string;
  pendingWords: string;
  pending: boolean;
  error: string | null;
  testId: string;
  onConfirm(): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    if (!props.pending) props.onClose();
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-lede`}
      data-testid={props.testId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        if (!props.pending) props.onClose();
      }}
    >
      <div className="dialog__form">
        <header className="dialog__head">
          <h2 id={`${id}-title`} className="dialog__title">
            {props.title}
          </h2>
          <p id={`${id}-lede`} className="dialog__lede muted">
            {props.lede}
          </p>
        </header>
        <div className="form-error-slot dialog__error">
          {props.error !== null && (
            <p className="form-error" role="alert">
              {props.error}
            </p>
          )}
        </div>
        <div className="panel__buttons dialog__buttons">
          <button
            type="button"
            className="button button--primary"
            autoFocus
            disabled={props.pending}
            onClick={props.onConfirm}
            data-testid={`${props.testId}-confirm`}
          >
            {props.pending ? <Working words={props.pendingWords} /> : props.confirm}
          </button>
          <button type="button" className="button" onClick={props.onClose} disabled={props.pending}>
            Cancel
          </button>
        </div>
      </div>
    </dialog>
  );
}
