import { useId, useState, type FormEvent } from 'react';
import type {
  ExerciseDebriefAnswers,
  ExerciseFeed,
  ExerciseInjectView,
  ExerciseStatusView,
} from '../../../electron/contract/ipc';
import type { ExerciseScore } from '../../../electron/domain/exercise/score';
import { CLASSIFICATIONS, type Classification } from '../../../electron/domain/classification';
import { formatDtg } from '../../../electron/domain/dtg';
import { ClassificationChip } from '../common/markings';
import { ShownText } from '../common/ShownText';
import { SlowWorkStatus, Working } from '../common/SlowWork';
import { UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import { ConfirmDialog } from './ConfirmDialog';
import type { ExerciseControl } from '../common/api';
import { buildGrid, cellKey, CELL_WORDS, type Grid } from './grid';
import { ScenarioClock } from './ScenarioClock';
import { formatElapsed, rateWords, type ClockReading } from './scenarioClock';
import { StartPanel, type StartRequest, type StartScenario } from './StartPanel';
import type { AccountView } from '../../../electron/domain/cable';

/**
 * The instructor's dashboard (issue 10 item 5; EXERCISES.md §5), a pure view: the start panel when
 * no exercise runs; the scenario clock with its controls (pause, resume, rate, shift, end — the end
 * asks first); the injects with "trigger now" and "skip"; the grid of posts × injects whose cells
 * say how far each post got (pending, delivered, opened, acknowledged, done, overdue in red,
 * missed); the live feed of what the trainees did; the scores with each after-action report to
 * download, and the debrief answers given. It shows references and labels, never a subject or a
 * text, so its own banner is UNCLASSIFIED (rule 25), as the audit trail's.
 */
export type InstructorView = Extract<ExerciseStatusView, { view: 'instructor' }>;

export type DashboardDetail = Readonly<{
  score: ExerciseScore;
  answers: ReadonlyArray<ExerciseDebriefAnswers>;
  feed: ExerciseFeed;
}>;

export type ExerciseDashboardProps = Readonly<{
  chrome: WorkspaceChrome;
  /** The exercise shown: the live one, else the latest; null before any. */
  exercise: InstructorView | null;
  reading: ClockReading | null;
  scenarios: ReadonlyArray<StartScenario>;
  accounts: ReadonlyArray<AccountView>;
  detail: DashboardDetail | null;
  detailSlow: boolean;
  detailError: string | null;
  /** The control under way ('pause', 'trigger:flash', 'start'…), if any. */
  pending: string | null;
  error: string | null;
  startError: string | null;
  /** The report being made: 'class' or a login. */
  downloading: string | null;
  downloadError: string | null;
  onControl(control: ExerciseControl): void;
  onStart(request: StartRequest): void;
  onDownload(trainee: string | null): void;
}>;

/** An inject's label as the chip shows it (the status carries it as text). */
const labelOf = (c: string): Classification =>
  (CLASSIFICATIONS as ReadonlyArray<string>).includes(c) ? (c as Classification) : 'UNCLASSIFIED';

const dtgOf = (iso: string | null): string => (iso === null ? '—' : formatDtg(new Date(iso)));

function waitingWords(i: ExerciseInjectView): string {
  if (i.state === 'FIRED') return `sent ${i.how === 'TRIGGER' ? 'by trigger' : 'on time'}`;
  if (i.state === 'SKIPPED') return 'skipped';
  switch (i.waiting) {
    case 'TIME':
      return 'due';
    case 'TRIGGER':
      return 'on trigger only';
    case 'PREDECESSOR':
      return `after ${i.after?.inject ?? 'another inject'}`;
    case 'EXPECTATION':
      return `after ${i.after?.expectation ?? 'an expectation'} is met`;
    default:
      return 'pending';
  }
}

function ClockControls(props: {
  exercise: InstructorView;
  reading: ClockReading;
  pending: string | null;
  error: string | null;
  onControl(control: ExerciseControl): void;
}) {
  const { exercise, reading, pending } = props;
  const ids = { rate: useId(), shift: useId() };
  const [rate, setRate] = useState(String(exercise.clock.rate));
  const [shift, setShift] = useState('5');
  const [confirmEnd, setConfirmEnd] = useState(false);
  const status = exercise.clock.status;
  const live = status !== 'ENDED';
  const busy = pending !== null;
  const rateNumber = Number(rate);
  const rateOk = rate.trim() !== '' && rateNumber > 0 && rateNumber <= 1440;
  const shiftNumber = Number(shift);
  const shiftOk = shift.trim() !== '' && Number.isInteger(shiftNumber) && shiftNumber !== 0;
  const submitRate = (e: FormEvent) => {
    e.preventDefault();
    if (rateOk && !busy) props.onControl({ action: 'rate', rate: rateNumber });
  };
  const submitShift = (e: FormEvent) => {
    e.preventDefault();
    if (shiftOk && !busy) props.onControl({ action: 'shift', minutes: shiftNumber });
  };
  return (
    <section className="panel exercise-clock" aria-labelledby={`${ids.rate}-title`} data-testid="exercise-clock">
      <h3 className="panel__title" id={`${ids.rate}-title`}>
        Scenario clock
      </h3>
      <p className="exercise-clock__reading">
        <ScenarioClock
          clock={exercise.clock}
          reading={reading}
          testId="dashboard-clock"
          className="scenario-clock--large"
        />
        <span className="muted">
          {' '}
          {formatElapsed(reading.ms)} · {rateWords(exercise.clock.rate)} · ends {dtgOf(exercise.clock.end)}
        </span>
      </p>
      {live && (
        <div className="exercise-clock__controls" role="group" aria-label="Clock controls">
          {status === 'RUNNING' ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => props.onControl({ action: 'pause' })}
              data-testid="exercise-pause"
            >
              {pending === 'pause' ? <Working words="Pausing…" /> : 'Pause'}
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => props.onControl({ action: 'resume' })}
              data-testid="exercise-resume"
            >
              {pending === 'resume' ? <Working words="Resuming…" /> : 'Resume'}
            </button>
          )}
          <form className="exercise-clock__inline" onSubmit={submitRate}>
            <label className="field-label" htmlFor={ids.rate}>
              Rate
            </label>
            <input
              id={ids.rate}
              className="text-input exercise-clock__number"
              type="number"
              min={0.1}
              max={1440}
              step="any"
              aria-invalid={rateOk ? undefined : true}
              value={rate}
              onChange={(e) => setRate(e.target.value)}
            />
            <button type="submit" className="button" disabled={busy || !rateOk} data-testid="exercise-rate">
              {pending === 'rate' ? <Working words="Setting…" /> : 'Set rate'}
            </button>
          </form>
          <form className="exercise-clock__inline" onSubmit={submitShift}>
            <label className="field-label" htmlFor={ids.shift}>
              Shift (minutes)
            </label>
            <input
              id={ids.shift}
              className="text-input exercise-clock__number"
              type="number"
              step={1}
              aria-invalid={shiftOk ? undefined : true}
              value={shift}
              onChange={(e) => setShift(e.target.value)}
            />
            <button type="submit" className="button" disabled={busy || !shiftOk} data-testid="exercise-shift">
              {pending === 'shift' ? <Working words="Shifting…" /> : 'Shift injects'}
            </button>
          </form>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => setConfirmEnd(true)}
            data-testid="exercise-end"
          >
            End exercise…
          </button>
        </div>
      )}
      <div className="form-error-slot">
        {props.error !== null && !confirmEnd && (
          <p className="form-error" role="alert" data-testid="exercise-control-error">
            {props.error}
          </p>
        )}
      </div>
      {confirmEnd && live && (
        <ConfirmDialog
          title="End the exercise?"
          lede="The clock stops for good: no more injects are sent, windows still open are scored as missed, and trainees get their debrief. This cannot be undone."
          confirm="End exercise"
          pendingWords="Ending…"
          pending={pending === 'end'}
          error={props.error}
          testId="end-dialog"
          onConfirm={() => props.onControl({ action: 'end' })}
          onClose={() => setConfirmEnd(false)}
        />
      )}
    </section>
  );
}

function InjectTable(props: {
  exercise: InstructorView;
  pending: string | null;
  onControl(control: ExerciseControl): void;
}) {
  const live = props.exercise.clock.status !== 'ENDED';
  const busy = props.pending !== null;
  return (
    <section className="panel" aria-labelledby="exercise-injects-title">
      <h3 className="panel__title" id="exercise-injects-title">
        Injects
      </h3>
      <div className="table-wrap">
        <table className="data-table exercise-injects" data-testid="exercise-injects">
          <thead>
            <tr>
              <th scope="col">Inject</th>
              <th scope="col">Cable</th>
              <th scope="col">Due / sent</th>
              <th scope="col">State</th>
              <th scope="col">Controller’s note</th>
              {live && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {props.exercise.injects.map((i) => (
              <tr key={i.id} data-testid="inject-row" data-inject={i.id} data-state={i.state}>
                <th scope="row" className="mono">
                  {i.id}
                </th>
                <td>
                  <span className="mono nowrap">
                    <ShownText text={i.ref} />
                  </span>{' '}
                  <ClassificationChip classification={labelOf(i.classification)} />
                  <span className="exercise-injects__to muted">
                    to <ShownText text={i.to.join(', ')} />
                  </span>
                </td>
                <td className="mono nowrap">{dtgOf(i.done ?? i.due)}</td>
                <td>
                  {waitingWords(i)}
                  {i.unless !== null && i.state === 'PENDING' && <span className="muted"> (unless {i.unless})</span>}
                  {i.problem !== null && (
                    <span className="form-error" role="alert">
                      {' '}
                      <ShownText text={i.problem} />
                    </span>
                  )}
                </td>
                <td className="muted">{i.controllerNote !== null ? <ShownText text={i.controllerNote} /> : '—'}</td>
                {live && (
                  <td className="nowrap">
                    {i.state === 'PENDING' && (
                      <>
                        <button
                          type="button"
                          className="button button--small"
                          disabled={busy}
                          onClick={() => props.onControl({ action: 'trigger', inject: i.id })}
                          data-testid="inject-trigger"
                        >
                          {props.pending === `trigger:${i.id}` ? (
                            <Working words="Sending…" />
                          ) : (
                            <>
                              Trigger now<span className="visually-hidden"> {i.id}</span>
                            </>
                          )}
                        </button>{' '}
                        <button
                          type="button"
                          className="button button--small button--quiet"
                          disabled={busy}
                          onClick={() => props.onControl({ action: 'skip', inject: i.id })}
                          data-testid="inject-skip"
                        >
                          Skip<span className="visually-hidden"> {i.id}</span>
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function GridTable(props: { grid: Grid; start: string }) {
  const { grid } = props;
  const start = Date.parse(props.start);
  return (
    <section className="panel" aria-labelledby="exercise-grid-title">
      <h3 className="panel__title" id="exercise-grid-title">
        Posts and injects
      </h3>
      <div className="table-wrap">
        <table className="data-table exercise-grid" data-testid="exercise-grid">
          <caption className="visually-hidden">
            What each post has done with each inject: pending, delivered, opened, acknowledged, done, overdue or missed.
          </caption>
          <thead>
            <tr>
              <th scope="col">Post</th>
              {grid.injects.map((i) => (
                <th scope="col" key={i.id} className="exercise-grid__inject">
                  <span className="mono">{i.id}</span>
                  <span className="exercise-grid__ref muted">
                    <ShownText text={i.ref} />
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.posts.map((post) => (
              <tr key={post}>
                <th scope="row" className="nowrap">
                  <ShownText text={post} />
                </th>
                {grid.injects.map((i) => {
                  const cell = grid.cells.get(cellKey(post, i.id));
                  if (!cell) {
                    return (
                      <td key={i.id} className="exercise-cell exercise-cell--none muted">
                        —<span className="visually-hidden"> not for this post</span>
                      </td>
                    );
                  }
                  return (
                    <td
                      key={i.id}
                      className={`exercise-cell exercise-cell--${cell.state}`}
                      data-testid="grid-cell"
                      data-post={post}
                      data-inject={i.id}
                      data-state={cell.state}
                    >
                      <span className="exercise-cell__state">{CELL_WORDS[cell.state]}</span>
                      {cell.possible > 0 && (
                        <span className="exercise-cell__points muted">
                          {cell.points}/{cell.possible}
                        </span>
                      )}
                      {cell.dueMs !== null && cell.state !== 'done' && cell.state !== 'missed' && (
                        <span className="exercise-cell__due muted">due {formatDtg(new Date(start + cell.dueMs))}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function FeedLog(props: { feed: ExerciseFeed }) {
  const { feed } = props;
  return (
    <section className="panel exercise-feed" aria-labelledby="exercise-feed-title">
      <h3 className="panel__title" id="exercise-feed-title">
        What the trainees did
      </h3>
      {feed.entries.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <div
          role="log"
          aria-label="Trainee actions, newest first"
          className="exercise-feed__log"
          tabIndex={0}
          data-testid="exercise-feed"
        >
          <ol className="exercise-feed__list">
            {feed.entries.map((e) => (
              <li
                key={e.seq}
                className={`exercise-feed__entry exercise-feed__entry--${e.kind}${e.action === 'DENY' ? ' exercise-feed__entry--deny' : ''}`}
                data-testid="feed-entry"
                data-action={e.action}
                data-inject={e.inject ?? ''}
              >
                <span className="mono exercise-feed__dtg">{e.dtg}</span>{' '}
                {e.login !== null && <span className="mono exercise-feed__who">{e.login}</span>}{' '}
                <span className="exercise-feed__what">
                  <ShownText text={e.what} />
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {feed.total > feed.entries.length && (
        <p className="muted">
          The newest {feed.entries.length} of {feed.total}.
        </p>
      )}
    </section>
  );
}

function ScoreTable(props: {
  score: ExerciseScore;
  downloading: string | null;
  downloadError: string | null;
  onDownload(trainee: string | null): void;
}) {
  const { score } = props;
  const busy = props.downloading !== null;
  return (
    <section className="panel" aria-labelledby="exercise-scores-title">
      <h3 className="panel__title" id="exercise-scores-title">
        Scores and after-action reports
      </h3>
      <p data-testid="exercise-total">
        Class: <strong>{score.score}</strong> / 100{' '}
        <span className="muted">
          ({score.points} of {score.possible} points)
        </span>
      </p>
      <div className="table-wrap">
        <table className="data-table" data-testid="exercise-scores">
          <thead>
            <tr>
              <th scope="col">Trainee</th>
              <th scope="col">Role</th>
              <th scope="col">Post</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col" className="num">
                Points
              </th>
              <th scope="col" className="num">
                Met
              </th>
              <th scope="col" className="num">
                Late
              </th>
              <th scope="col" className="num">
                Missed
              </th>
              <th scope="col" className="num">
                Mistakes
              </th>
              <th scope="col">Report</th>
            </tr>
          </thead>
          <tbody>
            {score.trainees.map((t) => (
              <tr key={t.login} data-testid="score-row" data-login={t.login}>
                <th scope="row" className="mono">
                  {t.login}
                </th>
                <td>{t.role}</td>
                <td>
                  <ShownText text={t.post} />
                </td>
                <td className="num" data-testid="score-value">
                  {t.score}
                </td>
                <td className="num">
                  {t.points} / {t.possible}
                </td>
                <td className="num">{t.counts.MET}</td>
                <td className="num">{t.counts.LATE}</td>
                <td className="num">{t.counts.MISSED}</td>
                <td className="num">{t.counts.BROKEN}</td>
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    disabled={busy}
                    onClick={() => props.onDownload(t.login)}
                    data-testid="report-trainee"
                  >
                    {props.downloading === t.login ? (
                      <Working words="Making the PDF…" />
                    ) : (
                      <>
                        PDF<span className="visually-hidden"> report for {t.login}</span>
                      </>
                    )}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="panel__buttons">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => props.onDownload(null)}
          data-testid="report-class"
        >
          {props.downloading === 'class' ? <Working words="Making the PDF…" /> : 'Class report (PDF)'}
        </button>
      </div>
      <div className="form-error-slot">
        {props.downloadError !== null && (
          <p className="form-error" role="alert" data-testid="report-error">
            {props.downloadError}
          </p>
        )}
      </div>
    </section>
  );
}

function AnswersPanel(props: { answers: ReadonlyArray<ExerciseDebriefAnswers> }) {
  if (props.answers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="exercise-answers-title" data-testid="exercise-answers">
      <h3 className="panel__title" id="exercise-answers-title">
        Debrief answers
      </h3>
      {props.answers.map((a) => (
        <div key={a.login} className="exercise-answers__trainee">
          <h4 className="exercise-answers__who mono">{a.login}</h4>
          <dl className="exercise-answers__list">
            {a.answers.map((x) => (
              <div key={x.question}>
                <dt>
                  <ShownText text={x.question} />
                </dt>
                <dd>
                  <ShownText text={x.answer} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}

export function ExerciseDashboard(props: ExerciseDashboardProps) {
  const { exercise, reading, detail } = props;
  const live = exercise !== null && exercise.clock.status !== 'ENDED';
  const grid =
    exercise && detail && reading
      ? buildGrid(
          exercise.injects,
          exercise.assignments.map((a) => a.post),
          detail.score.lines,
          detail.feed.progress,
          reading.ms,
        )
      : null;
  return (
    <WorkspaceFrame chrome={props.chrome} marking={UNCLASSIFIED_MARKING} testId="screen-exercise">
      <main className="admin-page exercise-page" aria-busy={props.detailSlow || undefined}>
        <header className="admin-page__header">
          <h2 className="admin-page__title">Exercise</h2>
          {exercise ? (
            <p className="admin-page__lede" data-testid="exercise-title">
              <strong>
                <ShownText text={exercise.clock.title} />
              </strong>{' '}
              <span className="muted">
                (exercise {exercise.clock.exercise}, {exercise.clock.status.toLowerCase()}; started by{' '}
                {exercise.startedBy})
              </span>
            </p>
          ) : (
            <p className="admin-page__lede muted">No exercise has been run in this database yet.</p>
          )}
        </header>

        {!live && (
          <StartPanel
            scenarios={props.scenarios}
            accounts={props.accounts}
            pending={props.pending === 'start'}
            error={props.startError}
            onStart={props.onStart}
          />
        )}

        {exercise && reading && (
          <>
            <ClockControls
              exercise={exercise}
              reading={reading}
              pending={props.pending}
              error={props.error}
              onControl={props.onControl}
            />
            {exercise.assignments.length > 0 && (
              <p className="exercise-page__assignments muted" data-testid="exercise-assignments">
                Playing:{' '}
                {exercise.assignments.map((a, i) => (
                  <span key={a.role}>
                    {i > 0 && '; '}
                    {a.role} — <ShownText text={a.displayName} /> ({a.login}, {a.post})
                  </span>
                ))}
              </p>
            )}
            {props.detailError !== null && (
              <p className="form-error" role="alert" data-testid="exercise-detail-error">
                {props.detailError}
              </p>
            )}
            <SlowWorkStatus slow={props.detailSlow} label="Reading the exercise…" testId="exercise-progress" />
            {grid && <GridTable grid={grid} start={exercise.clock.start} />}
            <div className="exercise-page__columns">
              {detail && <FeedLog feed={detail.feed} />}
              <InjectTable exercise={exercise} pending={props.pending} onControl={props.onControl} />
            </div>
            {detail && (
              <ScoreTable
                score={detail.score}
                downloading={props.downloading}
                downloadError={props.downloadError}
                onDownload={props.onDownload}
              />
            )}
            {detail && <AnswersPanel answers={detail.answers} />}
          </>
        )}
      </main>
    </WorkspaceFrame>
  );
}
