import { useId, useState } from 'react';
import type { EraProfile } from '../../../electron/domain/cable';
import { classificationWords } from '../../../electron/domain/classification';
import type { DraftSummary } from '../../../electron/domain/draft';
import { formatDtg } from '../../../electron/domain/dtg';
import { NEW_CABLE_PROFILES, PROFILE_WORDS, STATE_WORDS } from './draftEdits';
import { overallMarking } from '../common/viewMarking';
import { ClassificationChip } from '../common/markings';
import { ShownText } from '../common/ShownText';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import type { LoadProgress } from '../common/loader';
import { SlowWorkStatus, Working } from '../common/SlowWork';

/**
 * The drafting desk (pure view; issue 5): the person's own drafts and those waiting for them to
 * clear or approve, newest first, each with its state and its classification in its colour;
 * "New cable" in the chosen era profile. The banner is the highest classification listed
 * (rule 25). Main decides what is listed: a draft above the person's clearance never is.
 */
export type DraftingDeskProps = Readonly<{
  chrome: WorkspaceChrome;
  drafts: ReadonlyArray<DraftSummary> | null;
  listError: string | null;
  listProgress: LoadProgress;
  profile: EraProfile;
  creating: boolean;
  createError: string | null;
  onProfileChange(profile: EraProfile): void;
  onCreate(): void;
  onOpen(draft: DraftSummary): void;
  /**
   * Instructors and admins open any draft by its number (to authorise a downgrade, rule 19): the
   * list holds only the person's own drafts and those waiting for them. Absent for everyone else.
   */
  onOpenNumber?(id: number): void;
}>;

export function DraftingDesk(props: DraftingDeskProps) {
  const { drafts } = props;
  const profileId = useId();
  const marking = overallMarking(
    (drafts ?? []).map((d) => ({ classification: d.classification, banner: classificationWords(d.classification) })),
  );
  const waiting = drafts?.filter((d) => d.waitingForMe).length ?? 0;
  return (
    <WorkspaceFrame chrome={props.chrome} marking={marking} testId="screen-drafts">
      <main className="admin-page drafting-desk">
        <header className="admin-page__header admin-page__header--row">
          <div>
            <h2 className="admin-page__title">Drafts</h2>
            <p className="admin-page__lede muted" data-testid="drafts-waiting" aria-live="polite">
              {drafts === null
                ? ''
                : waiting === 0
                  ? 'Nothing is waiting for you.'
                  : `${waiting} draft${waiting === 1 ? ' is' : 's are'} waiting for you.`}
            </p>
          </div>
          <div className="drafting-desk__new">
            <div className="field">
              <label className="field-label" htmlFor={profileId}>
                Profile
              </label>
              <select
                id={profileId}
                className="text-input"
                value={props.profile}
                onChange={(e) => props.onProfileChange(e.target.value as EraProfile)}
              >
                {NEW_CABLE_PROFILES.map((p) => (
                  <option key={p} value={p}>
                    {PROFILE_WORDS[p]}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button button--primary"
              disabled={props.creating}
              onClick={props.onCreate}
              data-testid="new-cable"
            >
              {props.creating ? <Working words="Creating…" /> : 'New cable'}
            </button>
          </div>
        </header>
        {props.onOpenNumber && <OpenByNumber onOpen={props.onOpenNumber} />}
        {props.createError !== null && (
          <p className="form-error admin-page__error" role="alert">
            {props.createError}
          </p>
        )}
        {props.listError !== null && (
          <p className="form-error admin-page__error" role="alert">
            {props.listError}
          </p>
        )}
        <div className="table-wrap">
          <table className="data-table drafts-table" data-testid="drafts-table" aria-busy={props.listProgress.busy}>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Subject</th>
                <th scope="col">Classification</th>
                <th scope="col">Drafter</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {drafts?.map((d) => (
                <tr
                  key={d.id}
                  className={d.waitingForMe ? 'drafts-table__row--waiting' : undefined}
                  data-testid="draft-row"
                  data-id={d.id}
                  data-state={d.state}
                  data-waiting={d.waitingForMe ? 'true' : 'false'}
                >
                  <td>
                    <span className={`draft-state draft-state--${d.state.toLowerCase()}`}>{STATE_WORDS[d.state]}</span>
                    {d.waitingForMe && (
                      <span className="waiting-tag" data-testid="waiting-for-me">
                        Waiting for you
                      </span>
                    )}
                  </td>
                  <td>
                    <button type="button" className="drafts-table__open" onClick={() => props.onOpen(d)}>
                      {d.subject.trim() === '' ? (
                        <span className="muted">(no subject yet)</span>
                      ) : (
                        <ShownText text={d.subject} />
                      )}
                    </button>
                    {d.releasedRef !== null && (
                      <span className="drafts-table__ref mono">
                        {' '}
                        · <ShownText text={d.releasedRef} />
                      </span>
                    )}
                  </td>
                  <td>
                    <ClassificationChip classification={d.classification} />
                  </td>
                  <td className="mono">{d.owner}</td>
                  <td className="mono nowrap">
                    <time dateTime={d.updatedAt} title={d.updatedAt}>
                      {formatDtg(new Date(d.updatedAt))}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <SlowWorkStatus slow={props.listProgress.slow} label="Loading the drafts…" testId="drafts-progress" />
          {drafts !== null && drafts.length === 0 && (
            <p className="table-empty muted">
              No drafts yet. Start one with “New cable”, or reply to a cable you read.
            </p>
          )}
        </div>
      </main>
    </WorkspaceFrame>
  );
}

/** "Open draft no. N": how an instructor reaches a trainee's draft the trainee names. */
function OpenByNumber(props: { onOpen(id: number): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const n = Number(text);
  const valid = Number.isInteger(n) && n > 0;
  return (
    <form
      className="drafting-desk__open"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) props.onOpen(n);
      }}
    >
      <label className="field-label" htmlFor={id}>
        Open a trainee’s draft by its number
      </label>
      <div className="add-picker__row">
        <input
          id={id}
          className="text-input mono drafting-desk__number"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value.replace(/[^0-9]/g, ''))}
        />
        <button type="submit" className="button button--small" disabled={!valid}>
          Open draft
        </button>
      </div>
    </form>
  );
}
