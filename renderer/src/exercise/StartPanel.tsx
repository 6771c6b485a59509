import { useId, useState, type FormEvent } from 'react';
import type { ShippedScenario } from '../../../electron/contract/ipc';
import type { AccountView } from '../../../electron/domain/cable';
import { ShownText } from '../common/ShownText';
import { Working } from '../common/SlowWork';

/**
 * Starting an exercise (issue 10 item 3): a shipped scenario, the clock's rate (scenario minutes
 * per real minute; empty: the scenario's own) and who plays which role (a role left out is played
 * by its persona; main checks each assignment against the role's post and clearance): one picker
 * per role of the chosen scenario.
 */
export type StartScenario = ShippedScenario;

export type StartRequest = Readonly<{
  scenario: string;
  rate: number | undefined;
  assignments: Readonly<Record<string, string>>;
}>;

export function StartPanel(props: {
  scenarios: ReadonlyArray<StartScenario>;
  accounts: ReadonlyArray<AccountView>;
  pending: boolean;
  error: string | null;
  onStart(request: StartRequest): void;
}) {
  const ids = { scenario: useId(), rate: useId(), rateHint: useId(), roles: useId() };
  const [scenario, setScenario] = useState(props.scenarios[0]?.id ?? '');
  const [rate, setRate] = useState('');
  const [perRole, setPerRole] = useState<Readonly<Record<string, string>>>({});
  const chosen = props.scenarios.find((s) => s.id === scenario) ?? props.scenarios[0];
  const rateNumber = rate.trim() === '' ? undefined : Number(rate);
  const rateBad = rateNumber !== undefined && !(rateNumber > 0 && rateNumber <= 1440);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen || rateBad || props.pending) return;
    const assignments: Record<string, string> = {};
    for (const r of chosen.roles) if (perRole[r.id]) assignments[r.id] = perRole[r.id]!;
    props.onStart({ scenario: chosen.id, rate: rateNumber, assignments });
  };

  if (props.scenarios.length === 0) {
    return (
      <section className="panel exercise-start" aria-labelledby={ids.scenario} data-testid="exercise-start">
        <h3 className="panel__title" id={ids.scenario}>
          Start an exercise
        </h3>
        <p className="muted">No scenarios are installed (resources/scenarios).</p>
      </section>
    );
  }

  const accountOptions = props.accounts
    .filter((a) => !a.disabled)
    .map((a) => (
      <option key={a.login} value={a.login}>
        {a.login} — {a.displayName} ({a.post.plad})
      </option>
    ));

  return (
    <section className="panel exercise-start" aria-label="Start an exercise" data-testid="exercise-start">
      <h3 className="panel__title">Start an exercise</h3>
      <form onSubmit={submit} className="exercise-start__form">
        <div className="field">
          <label className="field-label" htmlFor={ids.scenario}>
            Scenario
          </label>
          <select
            id={ids.scenario}
            className="text-input"
            value={chosen?.id ?? ''}
            onChange={(e) => setScenario(e.target.value)}
          >
            {props.scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
          {chosen && chosen.summary !== '' && (
            <p className="field-hint muted" data-testid="scenario-summary">
              <ShownText text={chosen.summary} />
            </p>
          )}
        </div>
        <div className="field exercise-start__rate">
          <label className="field-label" htmlFor={ids.rate}>
            Rate (scenario minutes per real minute)
          </label>
          <input
            id={ids.rate}
            className="text-input"
            type="number"
            inputMode="decimal"
            min={0.1}
            max={1440}
            step="any"
            placeholder="the scenario’s"
            aria-describedby={ids.rateHint}
            aria-invalid={rateBad ? true : undefined}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
          <p className="field-hint muted" id={ids.rateHint}>
            Empty: the scenario’s own rate. At most 1440 (a scenario day per real minute).
          </p>
        </div>
        <fieldset className="exercise-start__roles" aria-describedby={ids.roles}>
          <legend className="field-label">Who plays which role</legend>
          <p className="field-hint muted" id={ids.roles}>
            A role nobody is assigned to is played by its persona. Each trainee must serve at the role’s post and hold
            its clearance.
          </p>
          {chosen?.roles.map((r) => (
            <div className="field exercise-start__role" key={r.id}>
              <label className="field-label" htmlFor={`${ids.roles}-${r.id}`}>
                {r.id}{' '}
                <span className="muted">
                  ({r.function}, {r.post})
                </span>
              </label>
              <select
                id={`${ids.roles}-${r.id}`}
                className="text-input"
                value={perRole[r.id] ?? ''}
                onChange={(e) => setPerRole({ ...perRole, [r.id]: e.target.value })}
              >
                <option value="">{r.persona ? `its persona (${r.persona})` : 'nobody'}</option>
                {accountOptions}
              </select>
            </div>
          ))}
        </fieldset>
        <div className="form-error-slot">
          {props.error !== null && (
            <p className="form-error" role="alert" data-testid="exercise-start-error">
              {props.error}
            </p>
          )}
        </div>
        <div className="panel__buttons">
          <button
            type="submit"
            className="button button--primary"
            disabled={props.pending || rateBad || !chosen}
            data-testid="exercise-start-button"
          >
            {props.pending ? <Working words="Starting…" /> : 'Start exercise'}
          </button>
        </div>
      </form>
    </section>
  );
}
