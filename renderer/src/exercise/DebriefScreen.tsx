import { useId, useState, type FormEvent } from 'react';
import type { ExerciseMoment, ExerciseScoreView } from '../../../electron/contract/ipc';
import type { ScoreVerdict } from '../../../electron/domain/exercise/score';
import { ShownText } from '../common/ShownText';
import { SlowWorkStatus, Working } from '../common/SlowWork';
import { UNCLASSIFIED_MARKING, type ViewMarking } from '../common/viewMarking';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';

/**
 * A trainee's debrief (issue 10 items 5 and 6; EXERCISES.md §6), a pure view: their score, the
 * timeline of each inject they received, each expectation met, late or missed with its points,
 * each mistake with its DOMAIN.md rule and teaching text, the objectives, the debrief questions to
 * answer, and their after-action report as PDF. Main gives it only to someone who played, once the
 * exercise has ended, and never names a cable they may not see; the banner is the highest label of
 * what it quotes (rule 25).
 */
export type TraineeScore = Extract<ExerciseScoreView, { view: 'trainee' }>;

export type DebriefScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  debrief: TraineeScore | null;
  loading: boolean;
  slow: boolean;
  error: string | null;
  saving: boolean;
  saveError: string | null;
  /** Set once the answers were recorded in this visit. */
  saved: boolean;
  downloading: boolean;
  downloadError: string | null;
  onSubmit(answers: ReadonlyArray<Readonly<{ question: string; answer: string }>>): void;
  onDownload(): void;
}>;

const VERDICT_WORDS: Readonly<Record<ScoreVerdict, string>> = {
  MET: 'Met',
  LATE: 'Late',
  MISSED: 'Missed',
  BROKEN: 'Broken',
  PENDING: 'Open',
};

const at = (m: ExerciseMoment | null): string => (m === null ? '—' : m.dtg);
const points = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function AnswersForm(props: {
  debrief: TraineeScore;
  saving: boolean;
  saveError: string | null;
  saved: boolean;
  onSubmit: DebriefScreenProps['onSubmit'];
}) {
  const { debrief } = props;
  const id = useId();
  const previous = (question: string): string =>
    debrief.answers?.answers.find((a) => a.question === question)?.answer ?? '';
  const [values, setValues] = useState<Readonly<Record<string, string>>>(() =>
    Object.fromEntries(debrief.questions.map((q) => [q.id, previous(q.question)])),
  );
  const any = Object.values(values).some((v) => v.trim() !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!any || props.saving) return;
    props.onSubmit(debrief.questions.map((q) => ({ question: q.id, answer: values[q.id] ?? '' })));
  };
  if (debrief.questions.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="debrief-questions">
      <h3 className="panel__title" id={`${id}-title`}>
        Debrief questions
      </h3>
      <p className="muted">Your answers go with your after-action report. You may change them and send them again.</p>
      <form onSubmit={submit} className="debrief-form">
        {debrief.questions.map((q, i) => (
          <div className="field" key={q.id}>
            <label className="field-label" htmlFor={`${id}-${i}`}>
              <ShownText text={q.question} />
            </label>
            <textarea
              id={`${id}-${i}`}
              className="text-input debrief-form__answer"
              rows={3}
              maxLength={4000}
              disabled={props.saving}
              value={values[q.id] ?? ''}
              onChange={(e) => setValues({ ...values, [q.id]: e.target.value })}
              data-testid="debrief-answer"
            />
          </div>
        ))}
        <div className="form-error-slot">
          {props.saveError !== null && (
            <p className="form-error" role="alert" data-testid="debrief-error">
              {props.saveError}
            </p>
          )}
        </div>
        <div className="panel__buttons">
          <button
            type="submit"
            className="button button--primary"
            disabled={props.saving || !any}
            data-testid="debrief-submit"
          >
            {props.saving ? <Working words="Sending…" /> : 'Send answers'}
          </button>
          <p role="status" className="muted debrief-form__status" data-testid="debrief-status">
            {props.saved ? 'Your answers are recorded.' : debrief.answers ? 'You have sent answers before.' : ''}
          </p>
        </div>
      </form>
    </section>
  );
}

export function DebriefScreen(props: DebriefScreenProps) {
  const { debrief } = props;
  const marking: ViewMarking = debrief
    ? { classification: debrief.classification, text: debrief.banner }
    : UNCLASSIFIED_MARKING;
  return (
    <WorkspaceFrame chrome={props.chrome} marking={marking} testId="screen-debrief">
      <main className="admin-page exercise-page" aria-busy={props.loading || undefined}>
        <header className="admin-page__header">
          <h2 className="admin-page__title">Your debrief</h2>
          {debrief && (
            <p className="admin-page__lede">
              <strong>
                <ShownText text={debrief.title} />
              </strong>{' '}
              <span className="muted">
                — {debrief.name}, role {debrief.role} at <ShownText text={debrief.post} />
              </span>
            </p>
          )}
        </header>
        <SlowWorkStatus slow={props.slow} label="Reading your score…" testId="debrief-progress" />
        {props.error !== null && (
          <p className="form-error" role="alert" data-testid="debrief-load-error">
            {props.error}
          </p>
        )}
        {debrief && (
          <>
            <section className="panel debrief-score" aria-label="Your score" data-testid="debrief-score">
              <p className="debrief-score__total">
                Your score: <strong data-testid="debrief-score-value">{points(debrief.score)}</strong> / 100
                <span className="muted">
                  {' '}
                  ({points(debrief.points)} of {points(debrief.possible)} points; {debrief.counts.MET} met,{' '}
                  {debrief.counts.LATE} late, {debrief.counts.MISSED} missed, {debrief.counts.BROKEN}{' '}
                  {debrief.counts.BROKEN === 1 ? 'mistake' : 'mistakes'})
                </span>
              </p>
              <div className="panel__buttons">
                <button
                  type="button"
                  className="button"
                  disabled={props.downloading}
                  onClick={props.onDownload}
                  data-testid="debrief-report"
                >
                  {props.downloading ? <Working words="Making the PDF…" /> : 'Download your after-action report (PDF)'}
                </button>
              </div>
              <div className="form-error-slot">
                {props.downloadError !== null && (
                  <p className="form-error" role="alert" data-testid="debrief-report-error">
                    {props.downloadError}
                  </p>
                )}
              </div>
            </section>

            <section className="panel" aria-labelledby="debrief-mistakes-title" data-testid="debrief-mistakes">
              <h3 className="panel__title" id="debrief-mistakes-title">
                Mistakes
              </h3>
              {debrief.mistakes.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="debrief-mistakes">
                  {debrief.mistakes.map((m, i) => (
                    <li key={i} className="debrief-mistake" data-testid="debrief-mistake" data-rule={m.rule}>
                      <p className="debrief-mistake__head">
                        <span className="debrief-mistake__rule">Rule {m.rule}</span>{' '}
                        <span className="mono">{at(m.at)}</span> — <ShownText text={m.note} />{' '}
                        <span className="muted">({points(m.points)} points)</span>
                      </p>
                      <p className="debrief-mistake__teaching">
                        <ShownText text={m.teaching} />
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section className="panel" aria-labelledby="debrief-expectations-title">
              <h3 className="panel__title" id="debrief-expectations-title">
                What was expected of you
              </h3>
              <div className="table-wrap">
                <table className="data-table" data-testid="debrief-expectations">
                  <thead>
                    <tr>
                      <th scope="col">Expectation</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Objective</th>
                      <th scope="col">Result</th>
                      <th scope="col">When</th>
                      <th scope="col" className="num">
                        Points
                      </th>
                      <th scope="col">Note</th>
                    </tr>
                  </thead>
                  <tbody>
                    {debrief.expectations.map((e) => (
                      <tr key={e.expectation} data-testid="debrief-line" data-verdict={e.verdict}>
                        <th scope="row" className="mono">
                          {e.expectation}
                        </th>
                        <td>{e.kind}</td>
                        <td>{e.objective ?? '—'}</td>
                        <td className={`verdict verdict--${e.verdict.toLowerCase()}`}>{VERDICT_WORDS[e.verdict]}</td>
                        <td className="mono nowrap">{at(e.at)}</td>
                        <td className="num">
                          {points(e.points)} / {points(e.possible)}
                        </td>
                        <td>
                          <ShownText text={e.note} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            <section className="panel" aria-labelledby="debrief-timeline-title">
              <h3 className="panel__title" id="debrief-timeline-title">
                Your timeline
              </h3>
              <div className="table-wrap">
                <table className="data-table" data-testid="debrief-timeline">
                  <thead>
                    <tr>
                      <th scope="col">Cable</th>
                      <th scope="col">Delivered</th>
                      <th scope="col">Opened</th>
                      <th scope="col">Acknowledged</th>
                      <th scope="col">Passed</th>
                      <th scope="col">Reply released</th>
                    </tr>
                  </thead>
                  <tbody>
                    {debrief.timeline.map((r) => (
                      <tr key={r.inject}>
                        <th scope="row">
                          {r.cable ? (
                            <>
                              <span className="mono">
                                <ShownText text={r.cable.ref} />
                              </span>{' '}
                              <span className="muted">
                                ({r.cable.banner}) <ShownText text={r.cable.subject} />
                              </span>
                            </>
                          ) : (
                            <span className="muted">a cable you may not see</span>
                          )}
                        </th>
                        <td className="mono nowrap">{at(r.delivered)}</td>
                        <td className="mono nowrap">{at(r.opened)}</td>
                        <td className="mono nowrap">{at(r.acknowledged)}</td>
                        <td className="mono nowrap">{at(r.passed)}</td>
                        <td className="mono nowrap">{at(r.replied)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            <section className="panel" aria-labelledby="debrief-objectives-title">
              <h3 className="panel__title" id="debrief-objectives-title">
                Objectives
              </h3>
              <ul className="debrief-objectives">
                {debrief.objectives.map((o) => (
                  <li key={o.id} data-achieved={o.achieved}>
                    <strong>{o.achieved ? 'Achieved' : 'Not achieved'}</strong> — <ShownText text={o.text} />{' '}
                    <span className="muted">
                      ({points(o.points)} of {points(o.possible)} points, weight {o.weight})
                    </span>
                  </li>
                ))}
              </ul>
            </section>

            <AnswersForm
              key={debrief.answers?.seq ?? 0}
              debrief={debrief}
              saving={props.saving}
              saveError={props.saveError}
              saved={props.saved}
              onSubmit={props.onSubmit}
            />
          </>
        )}
      </main>
    </WorkspaceFrame>
  );
}
