import { useId, useState } from 'react';
import type { ClassroomView } from '../../../electron/contract/classroom';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import { UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { indicatorWords } from './classroomWords';

/**
 * The Classroom settings screen (pure view; issue 11 items 3–4): this machine's connection to
 * the class's PostgreSQL exchange — where, as whom, online or offline, what is queued and what
 * was received or refused — with the forms to join and to connect. It shows no cable text, so
 * it is UNCLASSIFIED (DOMAIN.md rule 25). Passwords go to main and are kept there only sealed.
 */
export type ClassroomScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  view: ClassroomView | null;
  pending: boolean;
  error: string | null;
  onJoin(request: Readonly<{ url: string; password: string; passphrase: string }>): void;
  onConnect(passphrase: string): void;
}>;

export function ClassroomScreen(props: ClassroomScreenProps) {
  const { view } = props;
  return (
    <WorkspaceFrame chrome={props.chrome} marking={UNCLASSIFIED_MARKING} testId="screen-classroom">
      <main className="admin-page classroom-page">
        <header className="admin-page__header">
          <h2 className="admin-page__title">Classroom</h2>
          <p className="admin-page__lede muted">
            Posts on other machines exchange released cables through the class&apos;s PostgreSQL server. This machine
            keeps working offline and sends what it queued when the server is back.
          </p>
        </header>
        {view && <StatusPanel view={view} />}
        {props.error && (
          <p className="form-error" role="alert" data-testid="classroom-error">
            {props.error}
          </p>
        )}
        {view?.canConnect && <ConnectForm pending={props.pending} onConnect={props.onConnect} />}
        <JoinForm pending={props.pending} joined={view?.joined ?? false} onJoin={props.onJoin} />
      </main>
    </WorkspaceFrame>
  );
}

function StatusPanel(props: { view: ClassroomView }) {
  const v = props.view;
  const rows: Array<[string, string]> = v.joined
    ? [
        ['Connection', indicatorWords(v)],
        ['Server', v.server ?? ''],
        ['Joined as', v.login ?? ''],
        ['Queued to send', String(v.queued)],
        ['Received', `${v.applied} applied, ${v.refused} refused`],
        ['Feed position', String(v.cursor)],
        ['Last exchange', v.lastSyncAt ? new Date(v.lastSyncAt).toLocaleString() : 'not yet'],
        ...(v.lastError && v.state !== 'online' ? [['Last problem', v.lastError] as [string, string]] : []),
      ]
    : [['Connection', 'This machine has not joined a classroom.']];
  return (
    <section className="classroom-page__status" aria-label="Connection" data-testid="classroom-status">
      <dl className="classroom-page__facts">
        {rows.map(([k, value]) => (
          <div key={k} className="classroom-page__fact">
            <dt>{k}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ConnectForm(props: { pending: boolean; onConnect(passphrase: string): void }) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      className="classroom-page__form"
      aria-label="Connect"
      onSubmit={(e) => {
        e.preventDefault();
        props.onConnect(passphrase);
        setPassphrase('');
      }}
    >
      <h3>Connect</h3>
      <Field
        id={`${id}-passphrase`}
        label="Your passphrase (opens the sealed classroom password)"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={setPassphrase}
      />
      <button type="submit" className="button button--primary" disabled={props.pending || passphrase === ''}>
        {props.pending ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}

function JoinForm(props: {
  pending: boolean;
  joined: boolean;
  onJoin(request: Readonly<{ url: string; password: string; passphrase: string }>): void;
}) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      className="classroom-page__form"
      aria-label="Join a classroom"
      data-testid="classroom-join"
      onSubmit={(e) => {
        e.preventDefault();
        props.onJoin({ url, password, passphrase });
        setPassword('');
        setPassphrase('');
      }}
    >
      <h3>{props.joined ? 'Join another classroom' : 'Join a classroom'}</h3>
      <Field
        id={`${id}-url`}
        label="Classroom server"
        type="text"
        spellCheck={false}
        placeholder="postgres://host:5432/classroom"
        value={url}
        onChange={setUrl}
      />
      <Field
        id={`${id}-password`}
        label="Classroom password (from your instructor)"
        type="password"
        autoComplete="off"
        value={password}
        onChange={setPassword}
      />
      <Field
        id={`${id}-passphrase`}
        label="Your passphrase (seals the password on this machine)"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={setPassphrase}
      />
      <button
        type="submit"
        className="button button--primary"
        disabled={props.pending || url === '' || password === '' || passphrase === ''}
      >
        {props.pending ? 'Joining…' : 'Join'}
      </button>
    </form>
  );
}

/** A labelled text input of the classroom forms. */
function Field(
  props: Readonly<{
    id: string;
    label: string;
    type: 'text' | 'password';
    value: string;
    onChange(value: string): void;
    autoComplete?: string;
    spellCheck?: boolean;
    placeholder?: string;
  }>,
) {
  const { id, label, onChange, ...input } = props;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="text-input" {...input} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
