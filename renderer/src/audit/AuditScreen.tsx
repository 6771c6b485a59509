import { useId, type FormEvent } from 'react';
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntryView,
  type AuditIntegrity,
} from '../../../electron/domain/audit';
import { detailSummary, formatAuditTime, type AuditFilterDraft } from './auditQuery';
import { UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { ShownText, shownText } from '../common/ShownText';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import { SlowWorkStatus, Working } from '../common/SlowWork';

/**
 * The audit trail for instructors and admins (pure view): newest first, filtered by user, cable
 * reference, action and time, paged towards older entries. It shows who did what to which
 * reference and never any cable text (no subjects, no paragraphs), so the view itself is
 * UNCLASSIFIED and carries that banner (DOMAIN.md rule 25).
 */
export type AuditStatus = 'loading' | 'ready' | 'error';

export type AuditScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  draft: AuditFilterDraft;
  /** Logins for the user field's suggestions. */
  logins: ReadonlyArray<string>;
  entries: ReadonlyArray<AuditEntryView>;
  /** The whole trail checked (chain, anchor beside the database, key registry); null until known. */
  integrity: AuditIntegrity | null;
  status: AuditStatus;
  /** The page has been loading for SLOW_WORK_MS: the progress line shows. */
  slow: boolean;
  error: string | null;
  hasOlder: boolean;
  loadingOlder: boolean;
  onDraftChange(draft: AuditFilterDraft): void;
  onApply(): void;
  onReset(): void;
  onLoadOlder(): void;
  /** Opens the Integrity screen: every signed cable's signatures checked (issue 15 item 3). */
  onVerifySignatures?(): void;
}>;

/** Actions that mark a refusal or a failure, shown in the error colour. */
const REFUSALS: ReadonlySet<AuditAction> = new Set(['DENY', 'SIGN_IN_FAILED', 'TAMPERED']);

const VERDICT_TEXT: Readonly<Record<AuditIntegrity['verdict'], string>> = {
  INTACT: 'Intact',
  BROKEN: 'BROKEN',
  UNANCHORED: 'Intact, not anchored',
};

/**
 * The trail's verdict and its latest checkpoint beside the database (issue 13 item 4): the
 * sequence number and head hash anchored outside the file, and when.
 */
export function AuditIntegrityPanel({ integrity }: Readonly<{ integrity: AuditIntegrity }>) {
  const c = integrity.checkpoint;
  const broken = integrity.verdict === 'BROKEN';
  return (
    <section
      className={`audit-integrity audit-integrity--${integrity.verdict.toLowerCase()}`}
      aria-label="Integrity of the audit trail"
      data-testid="audit-integrity"
      data-verdict={integrity.verdict}
    >
      <p className="audit-integrity__verdict">
        Trail: <strong data-testid="audit-verdict">{VERDICT_TEXT[integrity.verdict]}</strong>
        <span className="muted"> — {integrity.entries} entries checked</span>
      </p>
      {c ? (
        <p className="audit-integrity__checkpoint" data-testid="audit-checkpoint" data-seq={c.seq}>
          Latest checkpoint beside the database: entry <span className="mono">{c.seq}</span>, written{' '}
          <span className="mono" title={c.at}>
            {formatAuditTime(c.at)}
          </span>
          , head hash{' '}
          <span className="mono" title={c.head}>
            {c.head.slice(0, 16)}
          </span>
          {!broken && integrity.unanchored > 0 && (
            <span className="muted">
              {' '}
              ({integrity.unanchored === 1 ? '1 newer entry is' : `${integrity.unanchored} newer entries are`} anchored
              at the next checkpoint)
            </span>
          )}
        </p>
      ) : (
        <p className="audit-integrity__checkpoint muted" data-testid="audit-checkpoint">
          No checkpoint beside the database.
        </p>
      )}
      {broken && (
        <p className="audit-integrity__problem" role="alert" data-testid="audit-problem">
          Entry {integrity.firstBad}: <ShownText text={integrity.problem ?? ''} />
        </p>
      )}
    </section>
  );
}

export function AuditScreen(props: AuditScreenProps) {
  const { draft, entries } = props;
  const ids = { login: useId(), ref: useId(), action: useId(), from: useId(), to: useId(), logins: useId() };
  const set = (patch: Partial<AuditFilterDraft>) => props.onDraftChange({ ...draft, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onApply();
  };

  return (
    <WorkspaceFrame chrome={props.chrome} marking={UNCLASSIFIED_MARKING} testId="screen-audit">
      <main className="admin-page">
        <header className="admin-page__header">
          <h2 className="admin-page__title">Audit trail</h2>
          <p className="admin-page__lede muted">
            Every sign-in, reading, refusal, acknowledgement, print and export, newest first. The trail is hash-chained:
            an edited or missing entry breaks the chain, and its head is anchored in a signed checkpoint beside the
            database, so entries cut off the end or an older copy of the file are found too.
          </p>
        </header>

        {props.integrity && <AuditIntegrityPanel integrity={props.integrity} />}
        {props.onVerifySignatures && (
          <p className="audit-verify">
            <button type="button" className="button" data-testid="open-integrity" onClick={props.onVerifySignatures}>
              Verify cable signatures…
            </button>{' '}
            <span className="muted">Checks every signed cable against the cable as stored now.</span>
          </p>
        )}

        <form className="filters" onSubmit={submit} aria-label="Filter the audit trail" data-testid="audit-filters">
          <div className="field">
            <label className="field-label" htmlFor={ids.login}>
              User
            </label>
            <input
              id={ids.login}
              className="text-input"
              list={ids.logins}
              autoComplete="off"
              spellCheck={false}
              placeholder="any login"
              value={draft.login}
              onChange={(e) => set({ login: e.target.value })}
            />
            <datalist id={ids.logins}>
              {props.logins.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.ref}>
              Cable ref
            </label>
            <input
              id={ids.ref}
              className="text-input"
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. TOPOL 578"
              value={draft.ref}
              onChange={(e) => set({ ref: e.target.value })}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.action}>
              Action
            </label>
            <select
              id={ids.action}
              className="text-input"
              value={draft.action}
              onChange={(e) => set({ action: e.target.value as AuditAction | '' })}
            >
              <option value="">Any action</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.from}>
              From
            </label>
            <input
              id={ids.from}
              className="text-input"
              type="datetime-local"
              value={draft.from}
              onChange={(e) => set({ from: e.target.value })}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.to}>
              To
            </label>
            <input
              id={ids.to}
              className="text-input"
              type="datetime-local"
              value={draft.to}
              onChange={(e) => set({ to: e.target.value })}
            />
          </div>
          <div className="filters__buttons">
            <button type="submit" className="button button--primary">
              Apply
            </button>
            <button type="button" className="button" onClick={props.onReset}>
              Clear
            </button>
          </div>
        </form>

        {props.error !== null && (
          <p className="form-error admin-page__error" role="alert" data-testid="audit-error">
            {props.error}
          </p>
        )}

        <div className="table-wrap">
          <table className="data-table audit-table" data-testid="audit-table" aria-busy={props.status === 'loading'}>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Seq
                </th>
                <th scope="col">Time (local)</th>
                <th scope="col">User</th>
                <th scope="col">Action</th>
                <th scope="col">Cable</th>
                <th scope="col">Detail</th>
                <th scope="col">Hash</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const detail = detailSummary(e.detail);
                return (
                  <tr key={e.seq} data-testid="audit-row" data-action={e.action} data-seq={e.seq}>
                    <td className="num mono">{e.seq}</td>
                    <td className="mono nowrap" title={e.at}>
                      {formatAuditTime(e.at)}
                    </td>
                    <td className="mono">{e.actorLogin ?? '—'}</td>
                    <td>
                      <span className={`action-tag${REFUSALS.has(e.action) ? ' action-tag--refusal' : ''}`}>
                        {e.action}
                      </span>
                    </td>
                    <td className="mono nowrap">{e.cableRef ? <ShownText text={e.cableRef} /> : '—'}</td>
                    <td className="audit-table__detail" title={shownText(detail.full)}>
                      <ShownText text={detail.short} />
                    </td>
                    <td className="mono muted" title={e.hash}>
                      {e.hash.slice(0, 8)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {props.status === 'ready' && entries.length === 0 && (
            <p className="table-empty muted" data-testid="audit-empty">
              No entries match these filters.
            </p>
          )}
          <SlowWorkStatus slow={props.slow} label="Reading the audit trail…" testId="audit-progress" />
        </div>

        <footer className="admin-page__footer">
          <span className="muted" data-testid="audit-count">
            {entries.length} {entries.length === 1 ? 'entry' : 'entries'} shown
          </span>
          {props.hasOlder && (
            <button
              type="button"
              className="button"
              onClick={props.onLoadOlder}
              disabled={props.loadingOlder}
              data-testid="audit-older"
            >
              {props.loadingOlder ? <Working words="Loading…" /> : 'Older entries'}
            </button>
          )}
        </footer>
      </main>
    </WorkspaceFrame>
  );
}
