import { useId } from 'react';
import { assertNever } from '../../../electron/domain/assertNever';
import type { ChainStep, ComposerDirectory, DraftView, RuleFinding } from '../../../electron/domain/draft';
import { formatDtg } from '../../../electron/domain/dtg';
import { STATE_WORDS } from './draftEdits';
import { fieldWords } from './fieldPaths';
import { ShownText } from '../common/ShownText';

/**
 * The clearance chain of a draft (pure view; DOMAIN.md §1.11, rule 23): drafted by, each
 * clearance, approved by — each PENDING, SIGNED or REFUSED, by whom and when, with the refusal's
 * comment. Why the draft came back (an edit voided the signatures, a clearer refused) is said
 * first and plainly. The steps that are the signed-in person's to act on carry their buttons;
 * signing and approving wait until no rule error stands, and say so right beside the button
 * (issue 14 item 5): how many errors, the first of them as links to their fields, and "show"
 * for the whole list. The waiting button stays in the Tab order (aria-disabled, not disabled)
 * and is described by the reason, so a keyboard or screen reader user learns why and gets there.
 */
export type ChainAction =
  | Readonly<{ kind: 'submit' }>
  | Readonly<{ kind: 'clear'; index: number; label: string }>
  | Readonly<{ kind: 'refuse'; index: number; label: string }>
  | Readonly<{ kind: 'approve' }>
  | Readonly<{ kind: 'downgrade' }>
  | Readonly<{ kind: 'discard' }>;

export type ChainNotice = Readonly<{ tone: 'done' | 'error'; text: string }>;

export type Problem = Readonly<{ finding: RuleFinding; anchor: string | null }>;

/** How many problems the panel names beside the button; "show" leads to all of them. */
const PROBLEMS_NAMED = 3;

export type DraftingChainPanelProps = Readonly<{
  view: DraftView;
  directory: ComposerDirectory | null;
  /** Rule errors standing on the draft as last saved, with the control each is shown at (null: the summary). */
  problems: ReadonlyArray<Problem>;
  /** Moves to a problem's control, or with null to the list of findings. */
  onShowProblems(anchor: string | null): void;
  /** An action is running: every button waits. */
  busy: boolean;
  /** Instructors and admins may authorise a downgrade (rule 19). */
  mayAuthorizeDowngrade: boolean;
  notice: ChainNotice | null;
  onAction(action: ChainAction): void;
  onOpenReleased(): void;
}>;

/** The signer's name: a login of the seed is its directory key; an account made in the app is "user:LOGIN". */
function signerName(directory: ComposerDirectory | null, login: string): string {
  const person = directory?.people.find((p) => p.key === login || p.key === `user:${login}`);
  return person ? person.name : login;
}

function statusWords(step: ChainStep): string {
  switch (step.status) {
    case 'PENDING':
      return 'Pending';
    case 'REFUSED':
      return 'Refused';
    case 'SIGNED':
      return step.role === 'APPROVER' ? 'Approved' : step.role === 'DRAFTER' ? 'Signed' : 'Cleared';
    default:
      return assertNever(step.status, 'chain step status');
  }
}

export function DraftingChainPanel(props: DraftingChainPanelProps) {
  const { view, problems, busy, onShowProblems } = props;
  const blockedId = useId();
  const errors = problems.length;
  const blocked =
    errors > 0
      ? `${errors} rule error${errors === 1 ? '' : 's'} must be fixed first: a draft is signed and approved only when no rule error stands.`
      : null;
  const waitingButton = (label: string, action: ChainAction) => (
    <>
      <button
        type="button"
        className="button button--primary button--compact"
        disabled={busy}
        aria-disabled={blocked !== null ? true : undefined}
        aria-describedby={blocked !== null ? blockedId : undefined}
        aria-haspopup={blocked !== null ? undefined : 'dialog'}
        // While errors stand, pressing it leads to them instead of the signing dialog.
        onClick={() => (blocked !== null ? onShowProblems(null) : props.onAction(action))}
      >
        {label}
      </button>
      {blocked !== null && (
        <SignBlocked reasonId={blockedId} reason={blocked} problems={problems} onShow={onShowProblems} />
      )}
    </>
  );
  const needsClearance = view.draft.clearers.some((c) => c.kind !== 'INFO');

  return (
    <section
      className="chain-panel"
      aria-labelledby="chain-panel-title"
      data-testid="chain-panel"
      data-state={view.state}
    >
      <h3 className="chain-panel__title" id="chain-panel-title">
        Clearance chain
      </h3>
      <p className="chain-panel__state">
        <span className={`draft-state draft-state--${view.state.toLowerCase()}`} data-testid="draft-state">
          {STATE_WORDS[view.state]}
        </span>{' '}
        <span className="muted">revision {view.revision}</span>
      </p>

      {view.returnedNote !== null && (
        <p className="chain-panel__returned" role="status" data-testid="returned-note">
          <ShownText text={view.returnedNote} />
        </p>
      )}
      {view.releasedRef !== null && (
        <div className="chain-panel__released" data-testid="released">
          <p>
            Released as <strong className="mono">{view.releasedRef}</strong>.
          </p>
          {view.releasedCableId !== null && (
            <button type="button" className="button button--small" onClick={props.onOpenReleased}>
              Open <ShownText text={view.releasedRef} />
            </button>
          )}
        </div>
      )}

      <ol className="chain-steps">
        {view.chain.map((step, i) => (
          <li
            key={`${step.role}-${step.clearanceIndex ?? i}`}
            className={`chain-step chain-step--${step.status.toLowerCase()}${step.mine ? ' chain-step--mine' : ''}`}
            data-testid="chain-step"
            data-role={step.role}
            data-status={step.status}
          >
            <div className="chain-step__head">
              <span className="chain-step__label">
                <ShownText text={step.label} />
              </span>
              <span className={`chain-status chain-status--${step.status.toLowerCase()}`} data-testid="chain-status">
                {statusWords(step)}
              </span>
            </div>
            {step.by !== null && (
              <p className="chain-step__meta muted">
                by <ShownText text={signerName(props.directory, step.by)} />
                {step.at !== null && (
                  <>
                    {' '}
                    ·{' '}
                    <time dateTime={step.at} title={step.at}>
                      {formatDtg(new Date(step.at))}
                    </time>
                  </>
                )}
              </p>
            )}
            {step.comment !== null && (
              <p className="chain-step__comment" data-testid="chain-comment">
                “<ShownText text={step.comment} />”
              </p>
            )}
            {step.mine && (
              <div className="chain-step__actions">
                {step.role === 'DRAFTER' &&
                  waitingButton(needsClearance ? 'Sign and send for clearance' : 'Sign and send for approval', {
                    kind: 'submit',
                  })}
                {step.role === 'CLEARER' && step.clearanceIndex !== null && (
                  <>
                    <button
                      type="button"
                      className="button button--primary button--compact"
                      disabled={busy}
                      aria-haspopup="dialog"
                      onClick={() =>
                        props.onAction({ kind: 'clear', index: step.clearanceIndex ?? 0, label: step.label })
                      }
                    >
                      Clear
                    </button>
                    <button
                      type="button"
                      className="button button--compact"
                      disabled={busy}
                      aria-haspopup="dialog"
                      onClick={() =>
                        props.onAction({ kind: 'refuse', index: step.clearanceIndex ?? 0, label: step.label })
                      }
                    >
                      Refuse with comment
                    </button>
                  </>
                )}
                {step.role === 'APPROVER' && waitingButton('Approve and release', { kind: 'approve' })}
              </div>
            )}
          </li>
        ))}
      </ol>
      {props.notice !== null && (
        <p
          className={`chain-panel__notice chain-panel__notice--${props.notice.tone}`}
          role={props.notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="chain-notice"
        >
          {props.notice.text}
        </p>
      )}

      {view.downgrade !== null && (
        <p className="chain-panel__downgrade" data-testid="downgrade">
          Downgrade below a referenced cable authorised by <ShownText text={view.downgrade.by} />: “
          <ShownText text={view.downgrade.reason} />” (rule 19).
        </p>
      )}
      <div className="chain-panel__more">
        {props.mayAuthorizeDowngrade && view.state !== 'RELEASED' && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            aria-haspopup="dialog"
            onClick={() => props.onAction({ kind: 'downgrade' })}
          >
            Authorize downgrade (rule 19)
          </button>
        )}
        {view.canEdit && (
          <button
            type="button"
            className="button button--small button--quiet"
            disabled={busy}
            aria-haspopup="dialog"
            onClick={() => props.onAction({ kind: 'discard' })}
          >
            Discard draft…
          </button>
        )}
      </div>
    </section>
  );
}

/**
 * Beside a Sign or Approve button that waits for rule errors: why, the first errors as links to
 * their fields, and "show" for the list of findings.
 */
function SignBlocked(props: {
  reasonId: string;
  reason: string;
  problems: ReadonlyArray<Problem>;
  onShow(anchor: string | null): void;
}) {
  const { problems, onShow } = props;
  const n = problems.length;
  return (
    <div className="sign-blocked" data-testid="sign-blocked" data-errors={n}>
      <p className="sign-blocked__reason" id={props.reasonId}>
        {props.reason}
      </p>
      <ul className="sign-blocked__list" aria-label="The first rule errors">
        {problems.slice(0, PROBLEMS_NAMED).map(({ finding, anchor }, i) => (
          <li key={`${i}-${finding.rule}-${finding.field}`}>
            <button
              type="button"
              className="finding-link finding-link--error"
              data-testid="sign-blocked-link"
              onClick={() => onShow(anchor)}
            >
              Rule {finding.rule} · {fieldWords(finding.field)}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--small sign-blocked__show"
        data-testid="show-problems"
        onClick={() => onShow(null)}
      >
        {n} problem{n === 1 ? '' : 's'} — show
      </button>
    </div>
  );
}
