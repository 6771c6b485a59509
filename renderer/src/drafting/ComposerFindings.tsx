import { createContext, useContext, type ReactNode } from 'react';
import type { RuleFinding } from '../../../electron/domain/draft';
import { fieldDomId, fieldWords, type PlacedFindings } from './fieldPaths';
import { ShownText } from '../common/ShownText';

/**
 * Live rule feedback in the composer (pure views; DOMAIN.md §8b): each finding of the rule
 * checker next to the control its path names, errors and warnings told apart by word, colour
 * and border, each with "Rule N" and the checker's teaching message. The controls say they are
 * invalid (aria-invalid) and point at their findings (aria-describedby). A summary at the top
 * counts them, links to each field, and holds in full what names no control.
 */
const EMPTY: PlacedFindings = { byAnchor: new Map(), unplaced: [], all: [], errors: 0, warnings: 0 };

export const FindingsContext = createContext<PlacedFindings>(EMPTY);

/** What a control at `anchor` needs: its id, and the findings to point at. */
export type ControlProps = Readonly<{
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}>;

export function useFieldFindings(anchor: string): Readonly<{
  findings: ReadonlyArray<RuleFinding>;
  findingsId: string | undefined;
  hasError: boolean;
}> {
  const placed = useContext(FindingsContext);
  const findings = placed.byAnchor.get(anchor) ?? [];
  return {
    findings,
    findingsId: findings.length > 0 ? `${fieldDomId(anchor)}-findings` : undefined,
    hasError: findings.some((f) => f.severity === 'error'),
  };
}

export function controlProps(anchor: string, findingsId: string | undefined, hasError: boolean, hintId?: string) {
  const describedBy = [hintId, findingsId].filter((x): x is string => x !== undefined).join(' ');
  return {
    id: fieldDomId(anchor),
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    'aria-invalid': hasError ? (true as const) : undefined,
  };
}

function FindingItem({ finding }: { finding: RuleFinding }) {
  return (
    <li
      className={`finding finding--${finding.severity}`}
      data-testid="finding"
      data-rule={finding.rule}
      data-severity={finding.severity}
      data-field={finding.field}
    >
      <span className="finding__head">
        <span className="finding__severity">{finding.severity === 'error' ? 'Error' : 'Warning'}</span>
        <span className="finding__rule">{finding.rule === 0 ? 'Format' : `Rule ${finding.rule}`}</span>
      </span>{' '}
      <span className="finding__message">
        <ShownText text={finding.message} />
      </span>
    </li>
  );
}

/** The findings of one control, right under it. */
export function FieldFindings({ anchor }: { anchor: string }) {
  const { findings, findingsId } = useFieldFindings(anchor);
  if (findings.length === 0) return null;
  return (
    <ul className="findings" id={findingsId} data-testid="field-findings" data-anchor={anchor}>
      {findings.map((f, i) => (
        <FindingItem key={`${i}-${f.rule}`} finding={f} />
      ))}
    </ul>
  );
}

/** A labelled control with its findings. */
export function ComposerField(props: {
  anchor: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children(control: ControlProps): ReactNode;
}) {
  const { findingsId, hasError } = useFieldFindings(props.anchor);
  const hintId = props.hint ? `${fieldDomId(props.anchor)}-hint` : undefined;
  const control = controlProps(props.anchor, findingsId, hasError, hintId);
  return (
    <div
      className={`field composer-field${hasError ? ' composer-field--error' : ''} ${props.className ?? ''}`}
      data-anchor={props.anchor}
    >
      <label className="field-label" htmlFor={control.id}>
        {props.label}
      </label>
      {props.children(control)}
      {props.hint && (
        <span id={hintId} className="field-hint muted">
          {props.hint}
        </span>
      )}
      <FieldFindings anchor={props.anchor} />
    </div>
  );
}

/** A group of controls (captions, addressees, a paragraph …) under a legend, focusable from the summary. */
export function ComposerGroup(props: {
  anchor: string;
  legend: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const { findingsId, hasError } = useFieldFindings(props.anchor);
  const control = controlProps(props.anchor, findingsId, hasError);
  return (
    <fieldset
      id={control.id}
      tabIndex={-1}
      className={`composer-group${hasError ? ' composer-group--error' : ''} ${props.className ?? ''}`}
      aria-describedby={control['aria-describedby']}
      aria-invalid={control['aria-invalid']}
      data-anchor={props.anchor}
      data-testid={props.testId}
    >
      <legend className="composer-group__legend">{props.legend}</legend>
      {props.children}
      <FieldFindings anchor={props.anchor} />
    </fieldset>
  );
}

/** A checkbox with its label and findings. */
export function ComposerCheck(props: {
  anchor: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const { findingsId, hasError } = useFieldFindings(props.anchor);
  const control = controlProps(props.anchor, findingsId, hasError);
  return (
    <div className="composer-check" data-anchor={props.anchor}>
      <label className="check check--small">
        <input
          type="checkbox"
          {...control}
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        {props.label}
      </label>
      <FieldFindings anchor={props.anchor} />
    </div>
  );
}

/** Moves the keyboard to the control a finding names. */
export function focusAnchor(anchor: string): void {
  const el = document.getElementById(fieldDomId(anchor));
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}

/** The DOM id of the findings summary: the "show" beside a disabled Sign button leads there. */
export const FINDINGS_SUMMARY_ID = 'draft-findings-summary';

/** Moves the keyboard (and the view) to the findings summary at the top of the form. */
export function focusFindingsSummary(): void {
  const el = document.getElementById(FINDINGS_SUMMARY_ID);
  if (!el) return;
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

/**
 * The count of errors and warnings, a link to each field with findings, and in full every finding
 * whose path names no control of the composer.
 */
export function FindingsSummary(props: { placed: PlacedFindings; stale: boolean }) {
  const { placed } = props;
  const total = placed.errors + placed.warnings;
  return (
    <section
      id={FINDINGS_SUMMARY_ID}
      // Focused from the chain panel's "show" (issue 14 item 5), never in the Tab order itself.
      tabIndex={-1}
      className={`findings-summary${placed.errors > 0 ? ' findings-summary--errors' : total === 0 ? ' findings-summary--clean' : ''}`}
      aria-labelledby="findings-summary-title"
      data-testid="findings-summary"
      data-errors={placed.errors}
      data-warnings={placed.warnings}
    >
      <h3 className="findings-summary__title" id="findings-summary-title">
        <span data-testid="error-count">
          {placed.errors === 0 ? 'No rule errors' : `${placed.errors} rule error${placed.errors === 1 ? '' : 's'}`}
        </span>
        {placed.warnings > 0 && (
          <span className="findings-summary__warnings">
            {' '}
            · {placed.warnings} warning{placed.warnings === 1 ? '' : 's'}
          </span>
        )}
        {props.stale && <span className="findings-summary__stale muted"> (as of the last save)</span>}
      </h3>
      {placed.unplaced.length > 0 && (
        <ul className="findings" data-testid="unplaced-findings">
          {placed.unplaced.map((f, i) => (
            <FindingItem key={`u-${i}-${f.rule}`} finding={f} />
          ))}
        </ul>
      )}
      {placed.all.some((x) => x.anchor !== null) && (
        <ul className="findings-summary__links">
          {placed.all.map(({ finding, anchor }, i) =>
            anchor === null ? null : (
              <li key={`l-${i}`}>
                <button
                  type="button"
                  className={`finding-link finding-link--${finding.severity}`}
                  onClick={() => focusAnchor(anchor)}
                >
                  Rule {finding.rule} · {fieldWords(finding.field)}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
