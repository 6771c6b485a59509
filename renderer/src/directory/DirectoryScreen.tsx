import { useId, type FormEvent, type ReactNode } from 'react';
import { STATION_KINDS, type DirectoryView, type StationKind } from '../../../electron/domain/cable';
import {
  KIND_WORDS,
  toggleMember,
  type Collective,
  type CollectiveDraft,
  type OfficeDraft,
  type StationDraft,
} from './directoryForms';
import { UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { ShownText } from '../common/ShownText';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import type { LoadProgress } from '../common/loader';
import { SlowWorkStatus, Working } from '../common/SlowWork';

/**
 * The directory editor for instructors and admins (pure view; DOMAIN.md §1.8): stations with their
 * principal and offices, collective addressees and their members, and forms to add a station, add
 * an office and create or change a collective. Main decides who may edit and checks every entry;
 * its refusal is shown word for word. The directory holds no cable text, so the view is UNCLASSIFIED.
 */
export type DirectoryMode =
  | Readonly<{ kind: 'list' }>
  | Readonly<{ kind: 'station'; draft: StationDraft }>
  | Readonly<{ kind: 'office'; draft: OfficeDraft }>
  | Readonly<{ kind: 'collective'; draft: CollectiveDraft }>;

export type DirectoryScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  directory: DirectoryView | null;
  listError: string | null;
  listProgress: LoadProgress;
  mode: DirectoryMode;
  pending: boolean;
  /** Main's refusal of the last submit (or the form's own complaint), verbatim. */
  formError: string | null;
  notice: string | null;
  onAddStation(): void;
  onAddOffice(plad?: string): void;
  onNewCollective(): void;
  onEditCollective(c: Collective): void;
  onCancel(): void;
  onModeChange(mode: DirectoryMode): void;
  onSubmit(): void;
}>;

export function DirectoryScreen(props: DirectoryScreenProps) {
  const { mode, directory } = props;
  const listing = mode.kind === 'list';
  return (
    <WorkspaceFrame chrome={props.chrome} marking={UNCLASSIFIED_MARKING} testId="screen-directory">
      <main className="admin-page">
        <header className="admin-page__header admin-page__header--row">
          <div>
            <h2 className="admin-page__title">Directory</h2>
            <p className="admin-page__lede muted">
              Stations by PLAD with their principal and offices, and the collective addressees cables and repeats are
              sent to. Every change is recorded in the audit trail.
            </p>
          </div>
          {listing && (
            <div className="admin-page__actions">
              <button type="button" className="button" onClick={() => props.onAddOffice()} data-testid="add-office">
                Add office
              </button>
              <button type="button" className="button" onClick={props.onNewCollective} data-testid="new-collective">
                New collective
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={props.onAddStation}
                data-testid="add-station"
              >
                Add station
              </button>
            </div>
          )}
        </header>

        {props.notice !== null && (
          <p className="notice" role="status" data-testid="directory-notice">
            {props.notice}
          </p>
        )}
        {mode.kind === 'station' && <StationForm {...props} draft={mode.draft} />}
        {mode.kind === 'office' && <OfficeForm {...props} draft={mode.draft} />}
        {mode.kind === 'collective' && <CollectiveForm {...props} draft={mode.draft} />}
        {props.listError !== null && (
          <p className="form-error admin-page__error" role="alert" data-testid="directory-error">
            {props.listError}
          </p>
        )}

        <section className="directory-section" aria-labelledby="directory-collectives">
          <h3 id="directory-collectives" className="directory-section__title">
            Collectives
          </h3>
          <div className="table-wrap">
            <table className="data-table" data-testid="collectives-table" aria-busy={props.listProgress.busy}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Description</th>
                  <th scope="col">Members</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {directory?.collectives.map((c) => (
                  <tr key={c.name} data-testid="collective-row" data-name={c.name}>
                    <td className="mono nowrap">
                      <ShownText text={c.name} />
                    </td>
                    <td>{c.description ? <ShownText text={c.description} /> : <span className="muted">—</span>}</td>
                    <td className="directory__members">
                      <span className="directory__count">{c.members.length}</span>{' '}
                      <span className="muted mono">
                        <ShownText text={c.members.join(', ')} />
                      </span>
                    </td>
                    <td className="num">
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => props.onEditCollective(c)}
                        aria-label={`Edit members of ${c.name}`}
                        disabled={!listing || props.pending}
                      >
                        Edit members
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {directory !== null && directory.collectives.length === 0 && (
              <p className="table-empty muted">No collectives yet.</p>
            )}
          </div>
        </section>

        <section className="directory-section" aria-labelledby="directory-stations">
          <h3 id="directory-stations" className="directory-section__title">
            Stations {directory && <span className="muted">· {directory.stations.length}</span>}
          </h3>
          <div className="table-wrap">
            <table className="data-table" data-testid="stations-table" aria-busy={props.listProgress.busy}>
              <thead>
                <tr>
                  <th scope="col">PLAD</th>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Place</th>
                  <th scope="col">Principal</th>
                  <th scope="col">Offices</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {directory?.stations.map((s) => (
                  <tr key={s.plad} data-testid="station-row" data-plad={s.plad}>
                    <td className="mono nowrap">
                      <ShownText text={s.plad} />
                    </td>
                    <td>
                      <div className="directory__short">
                        <ShownText text={s.shortName} />
                      </div>
                      <div className="muted directory__name">
                        <ShownText text={s.name} />
                      </div>
                    </td>
                    <td className="nowrap">{KIND_WORDS[s.kind]}</td>
                    <td className="nowrap">
                      {s.city || s.country ? (
                        <ShownText text={[s.city, s.country].filter(Boolean).join(', ')} />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td data-testid="station-principal">
                      {s.principal ? <ShownText text={s.principal} /> : <span className="muted">—</span>}
                    </td>
                    <td data-testid="station-offices">
                      {s.offices.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <span className="office-list">
                          {s.offices.map((o) => (
                            <span key={o.code} className="office-tag" title={o.name}>
                              <ShownText text={o.code} />
                            </span>
                          ))}
                        </span>
                      )}
                    </td>
                    <td className="num">
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => props.onAddOffice(s.plad)}
                        aria-label={`Add an office to ${s.plad}`}
                        disabled={!listing || props.pending}
                      >
                        Add office
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <SlowWorkStatus slow={props.listProgress.slow} label="Reading the directory…" testId="directory-progress" />
          </div>
        </section>

        <section className="directory-section" aria-labelledby="directory-keys">
          <h3 id="directory-keys" className="directory-section__title">
            Signing keys {directory && <span className="muted">· {directory.publicKeys.length}</span>}
          </h3>
          <p className="muted">
            Ed25519 public keys that signatures are verified against. A retired key stays listed, so that what it signed
            still verifies.
          </p>
          <div className="table-wrap">
            <table className="data-table" data-testid="keys-table" aria-busy={props.listProgress.busy}>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Fingerprint</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {directory?.publicKeys.map((k) => (
                  <tr key={k.fingerprint} data-testid="key-row">
                    <td>
                      <ShownText text={k.name} />
                    </td>
                    <td className="mono" title={k.publicKey}>
                      {k.fingerprint}
                    </td>
                    <td className="nowrap">{k.createdAt.slice(0, 10)}</td>
                    <td className="nowrap">{k.retiredAt ? `retired ${k.retiredAt.slice(0, 10)}` : 'current'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </main>
    </WorkspaceFrame>
  );
}

function FormShell(props: {
  title: ReactNode;
  testId: string;
  submitWords: string;
  pendingWords: string;
  pending: boolean;
  error: string | null;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}) {
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <form className="panel directory-form" onSubmit={submit} aria-labelledby={id} data-testid={props.testId}>
      <h3 id={id} className="panel__title">
        {props.title}
      </h3>
      <fieldset className="form-grid" disabled={props.pending}>
        {props.children}
      </fieldset>
      <div className="form-error-slot">
        {props.error !== null && (
          <p className="form-error" role="alert" data-testid="directory-form-error">
            {props.error}
          </p>
        )}
      </div>
      <div className="panel__buttons">
        <button type="submit" className="button button--primary" disabled={props.pending}>
          {props.pending ? <Working words={props.pendingWords} /> : props.submitWords}
        </button>
        <button type="button" className="button" onClick={props.onCancel} disabled={props.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TextField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  mono?: boolean;
  placeholder?: string;
  maxLength?: number;
  disabled?: boolean;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        className={`text-input${props.mono ? ' mono' : ''}`}
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="field-hint muted">
          {props.hint}
        </span>
      )}
    </div>
  );
}

function StationForm(props: DirectoryScreenProps & { draft: StationDraft }) {
  const { draft: d } = props;
  const kindId = useId();
  const set = (patch: Partial<StationDraft>) => props.onModeChange({ kind: 'station', draft: { ...d, ...patch } });
  return (
    <FormShell
      title="Add a station"
      testId="station-form"
      submitWords="Add station"
      pendingWords="Adding…"
      pending={props.pending}
      error={props.formError}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <TextField
        label="PLAD"
        mono
        placeholder="e.g. AMEMBASSY DUBLIN"
        value={d.plad}
        onChange={(plad) => set({ plad: plad.toUpperCase() })}
        hint="Plain-language address: upper-case words."
      />
      <TextField
        label="Name"
        placeholder="e.g. Embassy of the United States, Dublin"
        value={d.name}
        onChange={(name) => set({ name })}
      />
      <TextField
        label="Short name"
        placeholder="e.g. Embassy Dublin"
        value={d.shortName}
        onChange={(shortName) => set({ shortName })}
      />
      <div className="field">
        <label className="field-label" htmlFor={kindId}>
          Kind
        </label>
        <select
          id={kindId}
          className="text-input"
          value={d.kind}
          onChange={(e) => set({ kind: e.target.value as StationKind })}
        >
          {STATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_WORDS[k]}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label="Country"
        mono
        placeholder="IRL"
        maxLength={3}
        value={d.country}
        onChange={(country) => set({ country: country.toUpperCase() })}
        hint="ISO 3166 alpha-3 code; optional."
      />
      <TextField label="City" placeholder="e.g. Dublin" value={d.city} onChange={(city) => set({ city })} />
    </FormShell>
  );
}

function OfficeForm(props: DirectoryScreenProps & { draft: OfficeDraft }) {
  const { draft: d, directory } = props;
  const stationId = useId();
  const set = (patch: Partial<OfficeDraft>) => props.onModeChange({ kind: 'office', draft: { ...d, ...patch } });
  const offices = directory?.stations.find((s) => s.plad === d.plad)?.offices ?? [];
  return (
    <FormShell
      title="Add an office"
      testId="office-form"
      submitWords="Add office"
      pendingWords="Adding…"
      pending={props.pending}
      error={props.formError}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <div className="field">
        <label className="field-label" htmlFor={stationId}>
          Station
        </label>
        <select
          id={stationId}
          className="text-input"
          value={d.plad}
          onChange={(e) => set({ plad: e.target.value })}
          aria-describedby={`${stationId}-offices`}
        >
          {directory?.stations.map((s) => (
            <option key={s.plad} value={s.plad}>
              {s.plad} ({s.shortName})
            </option>
          ))}
        </select>
        <span id={`${stationId}-offices`} className="field-hint muted">
          {offices.length === 0 ? 'No offices yet.' : `Has ${offices.map((o) => o.code).join(', ')}.`}
        </span>
      </div>
      <TextField
        label="Office code"
        mono
        placeholder="e.g. POL or EUR/RPM"
        value={d.code}
        onChange={(code) => set({ code: code.toUpperCase() })}
      />
      <TextField
        label="Office name"
        placeholder="e.g. Political Section"
        value={d.name}
        onChange={(name) => set({ name })}
      />
    </FormShell>
  );
}

function CollectiveForm(props: DirectoryScreenProps & { draft: CollectiveDraft }) {
  const { draft: d, directory } = props;
  const set = (patch: Partial<CollectiveDraft>) =>
    props.onModeChange({ kind: 'collective', draft: { ...d, ...patch } });
  const order = directory?.stations.map((s) => s.plad) ?? [];
  const words = d.filter.trim().toUpperCase();
  const shown = (directory?.stations ?? []).filter(
    (s) => words === '' || s.plad.includes(words) || s.shortName.toUpperCase().includes(words),
  );
  return (
    <FormShell
      title={
        d.existing ? (
          <>
            Members of <ShownText text={d.name} />
          </>
        ) : (
          'New collective'
        )
      }
      testId="collective-form"
      submitWords={d.existing ? 'Save members' : 'Create collective'}
      pendingWords="Saving…"
      pending={props.pending}
      error={props.formError}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <TextField
        label="Collective name"
        mono
        placeholder="e.g. ATLANTIC POSTS"
        value={d.name}
        disabled={d.existing}
        onChange={(name) => set({ name: name.toUpperCase() })}
      />
      <TextField
        label="Description"
        placeholder="Optional: who is in it and why"
        value={d.description}
        onChange={(description) => set({ description })}
      />
      <TextField
        label="Filter stations"
        placeholder="e.g. EMBASSY"
        value={d.filter}
        onChange={(filter) => set({ filter })}
      />
      <fieldset className="field member-picker">
        <legend className="field-label">
          Members <span className="muted">· {d.members.length} ticked</span>
        </legend>
        <div className="member-picker__list" data-testid="member-picker">
          {shown.map((s) => (
            <label key={s.plad} className="check check--small member" data-plad={s.plad}>
              <input
                type="checkbox"
                checked={d.members.includes(s.plad)}
                onChange={(e) =>
                  props.onModeChange({ kind: 'collective', draft: toggleMember(d, s.plad, e.target.checked, order) })
                }
              />
              <span className="mono">
                <ShownText text={s.plad} />
              </span>
            </label>
          ))}
          {shown.length === 0 && <p className="muted">No station matches “{d.filter}”.</p>}
        </div>
      </fieldset>
    </FormShell>
  );
}
