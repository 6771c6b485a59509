import type { InboxRow } from '../../../electron/domain/cable';
import { PrecedenceBadge } from '../common/markings';
import { ShownText } from '../common/ShownText';

/**
 * A sealed envelope (pure view): a delivery the user's post's communications office must pass on
 * but whose captions keep it from them (domain/access.ts decideHandling; DOMAIN.md rules 14, 17).
 * Main sends only the handling line — reference, DTG, precedence, marking, captions and the pass
 * line — never the subject or the text, so there is nothing else here to show.
 */
export function Envelope(props: { row: InboxRow; ownPost: string }) {
  const { row } = props;
  return (
    <div className="envelope" data-testid="envelope">
      <p className="envelope__title">Sealed envelope</p>
      <dl className="envelope__lines">
        <dt>Reference</dt>
        <dd>
          <ShownText text={row.ref} />
        </dd>
        <dt>DTG</dt>
        <dd>{row.dtg}</dd>
        <dt>Precedence</dt>
        <dd>
          <PrecedenceBadge precedence={row.precedence} niact={row.niact} />
        </dd>
        <dt>Classification</dt>
        <dd>
          <ShownText text={row.banner} />
        </dd>
        {row.captions.length > 0 && (
          <>
            <dt>Captions</dt>
            <dd>
              {row.captions.map((c) => (
                <span key={c} className="envelope__caption">
                  <ShownText text={c} />
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>From</dt>
        <dd>
          <ShownText text={row.from} />
        </dd>
        {row.pendingPassTo.length > 0 && (
          <>
            <dt>Pass line</dt>
            <dd>
              <ShownText text={`${props.ownPost} PASS ${row.pendingPassTo.join(', ')}`} />
            </dd>
          </>
        )}
      </dl>
      <p className="envelope__note">
        Its captions keep the text from you: only the persons it is for may open it (rule 14). Your post must pass it on
        (rule 17), and the communications office does that without reading it — the pass is recorded in the audit trail,
        no opening is.
      </p>
    </div>
  );
}
