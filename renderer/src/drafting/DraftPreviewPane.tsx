import { useId } from 'react';
import type { DraftPreview } from '../../../electron/contract/ipc';
import { CableDocument } from '../cable/CableDocument';
import { ShownText } from '../common/ShownText';
import { SlowWorkStatus } from '../common/SlowWork';

/**
 * The draft as it will be released (pure view; issue 14 item 5): the cable main's trial release
 * produced, in the cable view's own renderer with the cable's banner at its top and foot — or,
 * while release would refuse the draft, why. Clearers and approvers read it first; the drafter
 * has it beside the form. The reference and DTG are what a release now would give; the release
 * assigns its own.
 */
export type PreviewState =
  /** `slow`: the first preview has taken SLOW_WORK_MS. */
  | Readonly<{ status: 'loading'; slow: boolean }>
  | Readonly<{ status: 'error'; message: string }>
  /** `stale`: the form holds changes the preview does not show yet (unsaved, or being previewed). */
  | Readonly<{ status: 'ready'; preview: DraftPreview; stale: boolean }>;

export function DraftPreviewPane(props: { state: PreviewState }) {
  const { state } = props;
  const titleId = useId();
  const ready = state.status === 'ready' ? state.preview : null;
  return (
    <section
      className="draft-preview"
      aria-labelledby={titleId}
      aria-busy={state.status === 'loading' || (state.status === 'ready' && state.stale)}
      data-testid="draft-preview"
      data-state={state.status === 'ready' ? (ready?.cable ? 'cable' : 'refused') : state.status}
      data-revision={ready?.revision}
    >
      <header className="draft-preview__head">
        <h3 className="draft-preview__title" id={titleId}>
          The cable as it will be released
        </h3>
        {ready?.cable && (
          <p className="draft-preview__note" data-testid="preview-note">
            Released now it would be{' '}
            <strong className="mono">
              <ShownText text={ready.cable.ref} />
            </strong>{' '}
            at <ShownText text={ready.cable.dtg} />; the release assigns the reference and DTG.
          </p>
        )}
        {state.status === 'ready' && state.stale && (
          <p className="draft-preview__stale" data-testid="preview-stale">
            Showing the last saved version; your latest changes follow once saved.
          </p>
        )}
      </header>
      {state.status === 'loading' && (
        <SlowWorkStatus slow={state.slow} label="Preparing the preview…" testId="preview-progress" />
      )}
      {state.status === 'error' && (
        <p className="form-error" role="alert" data-testid="preview-error">
          {state.message}
        </p>
      )}
      {ready && ready.cable === null && (
        <p className="draft-preview__refusal" data-testid="preview-refusal">
          Release would refuse the draft as it stands: <ShownText text={ready.refusal ?? ''} />
        </p>
      )}
      {ready?.cable && (
        <div className="draft-preview__page">
          <CableDocument cable={ready.cable} preview />
        </div>
      )}
    </section>
  );
}
