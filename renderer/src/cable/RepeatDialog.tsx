import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import type { DirectoryView } from '../../../electron/domain/cable';
import { addresseeChoices, toggleAddressee, type RepeatDraft } from './repeatForm';
import { ShownText } from '../common/ShownText';
import { Working } from '../common/SlowWork';

/**
 * The repeat form (pure view; DOMAIN.md §1.8, rule 16) in a modal dialog: addressees picked from
 * the directory's stations and collectives, an optional approver who confirms with their own
 * passphrase, and a note. Main's answer, refusal included, is shown word for word. Escape closes
 * the dialog only (it never leaves the cable behind it).
 */
export type RepeatDialogProps = Readonly<{
  cableRef: string;
  /** Caption words that make approval necessary (EYES ONLY, NODIS, EXDIS); empty when none. */
  approvalCaptions: ReadonlyArray<string>;
  directory: DirectoryView | null;
  directoryError: string | null;
  draft: RepeatDraft;
  pending: boolean;
  /** Main's refusal or the form's own complaint, verbatim. */
  error: string | null;
  onDraftChange(draft: RepeatDraft): void;
  onSubmit(): void;
  onClose(): void;
}>;

export function RepeatDialog(props: RepeatDialogProps) {
  const { draft: d, directory, pending } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const f = (name: string) => `${id}-${name}`;
  const set = (patch: Partial<RepeatDraft>) => props.onDraftChange({ ...d, ...patch });
  const choices = addresseeChoices(directory, d.filter);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

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
  const collectives = choices.filter((c) => c.kind === 'collective');
  const stations = choices.filter((c) => c.kind === 'station');

  return (
    <dialog
      ref={dialogRef}
      className="dialog repeat-dialog"
      aria-labelledby={f('title')}
      data-testid="repeat-dialog"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <form onSubmit={submit} className="dialog__form">
        <header className="dialog__head">
          <h2 id={f('title')} className="dialog__title">
            Repeat <ShownText text={props.cableRef} />
          </h2>
          <p className="dialog__lede muted">
            A repeat sends the cable as it stands to more posts: the same classification and captions (rule 16).
          </p>
          {props.approvalCaptions.length > 0 && (
            <p className="dialog__warning" data-testid="repeat-approval-note">
              Marked {props.approvalCaptions.join(', ')}: the repeat needs the approval of the originator’s approver or
              S/S, who confirms with their own passphrase (rule 16).
            </p>
          )}
        </header>

        <fieldset className="dialog__body" disabled={pending}>
          <div className="repeat-dialog__picker">
            <div className="field">
              <label className="field-label" htmlFor={f('filter')}>
                Repeat to
              </label>
              <input
                id={f('filter')}
                className="text-input"
                autoComplete="off"
                spellCheck={false}
                placeholder="Filter stations and collectives, e.g. MOSCOW"
                value={d.filter}
                autoFocus
                onChange={(e) => set({ filter: e.target.value })}
              />
            </div>
            <div className="addressee-list" role="group" aria-label="Stations and collectives" data-testid="addressees">
              {directory === null && (
                <p className="muted addressee-list__empty">{props.directoryError ?? 'Loading the directory…'}</p>
              )}
              {directory !== null && choices.length === 0 && (
                <p className="muted addressee-list__empty">Nothing matches “{d.filter}”.</p>
              )}
              {collectives.length > 0 && <p className="addressee-list__heading">Collectives</p>}
              {collectives.map((c) => (
                <Choice key={`c-${c.name}`} name={c.name} gloss={c.gloss} draft={d} onChange={props.onDraftChange} />
              ))}
              {stations.length > 0 && <p className="addressee-list__heading">Stations</p>}
              {stations.map((c) => (
                <Choice key={`s-${c.name}`} name={c.name} gloss={c.gloss} draft={d} onChange={props.onDraftChange} />
              ))}
            </div>
            <p className="repeat-dialog__chosen" data-testid="repeat-chosen" aria-live="polite">
              {d.to.length === 0 ? (
                <span className="muted">No addressee chosen yet.</span>
              ) : (
                <>
                  <span className="field-label">To:</span> <ShownText text={d.to.join(', ')} />
                </>
              )}
            </p>
          </div>

          <div className="repeat-dialog__side">
            <div className="field">
              <label className="field-label" htmlFor={f('approver')}>
                Approver login
              </label>
              <input
                id={f('approver')}
                className="text-input mono"
                autoComplete="off"
                spellCheck={false}
                placeholder={props.approvalCaptions.length > 0 ? 'e.g. ss-officer' : 'not needed'}
                value={d.approverLogin}
                onChange={(e) => set({ approverLogin: e.target.value })}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={f('passphrase')}>
                Approver passphrase
              </label>
              <input
                id={f('passphrase')}
                className="text-input"
                type="password"
                autoComplete="off"
                value={d.approverPassphrase}
                onChange={(e) => set({ approverPassphrase: e.target.value })}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={f('note')}>
                Note
              </label>
              <textarea
                id={f('note')}
                className="text-input repeat-dialog__note"
                maxLength={500}
                rows={3}
                placeholder="e.g. Repeated for information."
                value={d.note}
                onChange={(e) => set({ note: e.target.value })}
              />
            </div>
          </div>
        </fieldset>

        <div className="form-error-slot dialog__error">
          {props.error !== null && (
            <p className="form-error" role="alert" data-testid="repeat-error">
              {props.error}
            </p>
          )}
        </div>
        <div className="panel__buttons dialog__buttons">
          <button type="submit" className="button button--primary" disabled={pending} data-testid="repeat-submit">
            {pending ? <Working words="Repeating…" /> : 'Repeat'}
          </button>
          <button type="button" className="button" onClick={props.onClose} disabled={pending}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Choice(props: { name: string; gloss: string; draft: RepeatDraft; onChange(d: RepeatDraft): void }) {
  const checked = props.draft.to.includes(props.name);
  return (
    <label className={`addressee${checked ? ' addressee--on' : ''}`} data-testid="addressee" data-name={props.name}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => props.onChange(toggleAddressee(props.draft, props.name, e.target.checked))}
      />
      <span className="addressee__name mono">
        <ShownText text={props.name} />
      </span>
      <span className="addressee__gloss muted">
        <ShownText text={props.gloss} />
      </span>
    </label>
  );
}
