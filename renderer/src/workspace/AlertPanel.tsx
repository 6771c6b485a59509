import { useId } from 'react';
import type { InboxRow } from '../../../electron/domain/cable';
import { ClassificationChip, PrecedenceBadge } from '../common/markings';
import { precedenceWords } from '../../../electron/domain/precedence';
import { ShownText, shownText } from '../common/ShownText';
import { Working } from '../common/SlowWork';

/**
 * FLASH and NIACT IMMEDIATE traffic waiting for acknowledgement (DOMAIN.md rule 8; 5 FAH-2
 * H-421.1: the action office is told on receipt, at any hour). Pure view. A prominent
 * `role="alert"` region under the app bar, never a focus-stealing dialog: it is announced at once,
 * and each delivery's buttons are in the Tab order. It names refs, precedence, classification,
 * DTG and originator only, never the subject, so the panel adds nothing classified to a screen
 * whose banner was set by what that screen shows.
 */
export type AlertPanelProps = Readonly<{
  alerts: ReadonlyArray<InboxRow>;
  /**
   * Seen (shown, then the person moved on) or hidden: one line that still names every delivery,
   * until a new one arrives (issue 14 item 4: the panel must not crowd out the cable).
   */
  collapsed: boolean;
  /** Deliveries whose acknowledgement is in flight. */
  pending: ReadonlySet<number>;
  /** A refused acknowledgement, word for word from main, per delivery. */
  errors: ReadonlyMap<number, string>;
  onAcknowledge(row: InboxRow): void;
  onOpen(row: InboxRow): void;
  onCollapse(): void;
  onExpand(): void;
}>;

/** "2 cables await acknowledgement: 1 FLASH, 1 NIACT". */
function headline(alerts: ReadonlyArray<InboxRow>): string {
  const flash = alerts.filter((a) => a.precedence === 'FLASH').length;
  const niact = alerts.length - flash;
  const kinds = [flash > 0 ? `${flash} FLASH` : null, niact > 0 ? `${niact} NIACT` : null].filter(Boolean).join(', ');
  return `${alerts.length} ${alerts.length === 1 ? 'cable awaits' : 'cables await'} acknowledgement: ${kinds}`;
}

export function AlertPanel(props: AlertPanelProps) {
  const titleId = useId();
  const { alerts } = props;
  if (alerts.length === 0) return null;

  if (props.collapsed) {
    return (
      <section className="alert-reminder" aria-label="Cables awaiting acknowledgement" data-testid="alerts-reminder">
        <span className="alert-reminder__flag" aria-hidden="true" />
        <span className="alert-reminder__headline">{headline(alerts)}</span>
        <ul className="alert-reminder__list">
          {alerts.map((a) => (
            <li key={a.deliveryId} data-testid="alert-item" data-ref={a.ref}>
              <button
                type="button"
                className="alert-reminder__item"
                aria-label={`Open ${shownText(a.ref)}, ${precedenceWords(a.precedence, a.niact)}`}
                onClick={() => props.onOpen(a)}
              >
                <ShownText text={a.ref} />
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--link alert-reminder__show" onClick={props.onExpand}>
          Show
        </button>
      </section>
    );
  }

  return (
    <section className="alert-panel" role="alert" aria-labelledby={titleId} data-testid="alerts">
      <div className="alert-panel__head">
        <span className="alert-panel__flag" aria-hidden="true" />
        <h2 id={titleId} className="alert-panel__title">
          {headline(alerts)}
        </h2>
        <span className="alert-panel__rule">Acknowledge on receipt · 5 FAH-2 H-421</span>
        <button
          type="button"
          className="button button--small button--quiet alert-panel__hide"
          onClick={props.onCollapse}
        >
          Hide
        </button>
      </div>
      <ul className="alert-panel__list">
        {alerts.map((a) => {
          const error = props.errors.get(a.deliveryId);
          const pending = props.pending.has(a.deliveryId);
          return (
            <li key={a.deliveryId} className="alert-item" data-testid="alert-item" data-ref={a.ref}>
              <PrecedenceBadge precedence={a.precedence} niact={a.niact} />
              <span className="alert-item__ref">
                <ShownText text={a.ref} />
              </span>
              <ClassificationChip classification={a.classification} text={a.banner} />
              <span className="alert-item__meta">
                {a.dtg} · from <ShownText text={a.from} />
              </span>
              <span className="alert-item__actions">
                <button type="button" className="button button--small" onClick={() => props.onOpen(a)}>
                  Open
                </button>
                <button
                  type="button"
                  className="button button--small button--alert"
                  disabled={pending}
                  aria-label={`Acknowledge ${shownText(a.ref)}`}
                  onClick={() => props.onAcknowledge(a)}
                >
                  {pending ? <Working words="Acknowledging…" /> : 'Acknowledge'}
                </button>
              </span>
              {error !== undefined && (
                <span className="alert-item__error form-error" data-testid="alert-error">
                  {error}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
