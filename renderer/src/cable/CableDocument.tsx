import type { ReactNode } from 'react';
import type { CableView, ParagraphView, ReferenceView } from '../../../electron/domain/cable';
import { bannerColours, isAdministrativeControl } from '../../../electron/domain/classification';
import { displayText } from '../../../electron/domain/displayText';
import { formatCableText } from '../../../electron/domain/cableText';
import { portionLabel } from '../../../electron/domain/markings';
import { eraPresentation, publishedLine, renderCable, type Publication } from '../../../electron/domain/render';
import { formatTagsLine } from '../../../electron/domain/tags';
import { isHighPrecedence } from '../../../electron/domain/precedence';
import { PrecedenceBadge } from '../common/markings';
import { ShownText, shownText } from '../common/ShownText';
import { addresseeLines, hasDraftingBlock, nameList, passWords, repeatAddressLines } from './cableText';
import { SignatureChainSection, TamperedNotice } from './SignatureChainSection';
import './cableEra.css';

/**
 * The cable itself (pure view): captions one per line with the pass line (rules 12, 17), the
 * header (precedence, DTG, FM, TO, INFO, Eyes Only, MRN, file, TAGS), repeats, subject and
 * references, numbered paragraphs each with its portion mark and FYI set apart (§0, §1.4), the
 * signature and the drafting block; then the signature chain as verified and the source note.
 * Every piece of cable text goes through `ShownText` and is a React text node.
 *
 * One renderer for every place a cable is read (issue 14 item 5): the cable view, the inbox's
 * reading pane and a draft's preview, where the cable main's trial release produced is shown
 * exactly as it will be released. The preview sits inside another screen, so it carries the
 * cable's own banner at its top and foot (rules 3, 25), and has no signature chain yet.
 */
export type CableDocumentProps = Readonly<{
  /** The cable; a FRUS-imported one carries where it was published (issue 12 item 3). */
  cable: CableView & Publication;
  /** Opens a cited cable the reader may open (main gives a reference its target only then). */
  onOpenReference?: ((target: NonNullable<ReferenceView['target']>) => void) | undefined;
  /**
   * A draft's cable as release would write it: its banner top and bottom, no signature chain
   * (it is signed on the way to release), and named as a preview for assistive technology.
   */
  preview?: boolean;
}>;

/** The cable's banner inside the document: the banner line in its colours from the domain (rule 25). */
function DocumentBanner(props: { cable: CableView; position: 'top' | 'bottom' }) {
  const { classification, banner } = props.cable;
  const { background, foreground } = bannerColours(classification);
  const administrative = isAdministrativeControl(classification);
  const words = displayText(banner);
  return (
    <div
      className={`banner banner--document banner--document-${props.position}${administrative ? ' banner--administrative' : ''}`}
      role="note"
      aria-label={`${administrative ? 'Administrative control' : 'Classification'}: ${words}`}
      data-testid={`document-banner-${props.position}`}
      data-classification={classification}
      style={{ backgroundColor: background, color: foreground }}
    >
      {words}
    </div>
  );
}

export function CableDocument({ cable, onOpenReference, preview = false }: CableDocumentProps) {
  const action = addresseeLines(cable.action);
  const info = addresseeLines(cable.info);
  const high = isHighPrecedence(cable.precedence, cable.niact);
  // What the cable's era printed, and what Cableroom adds for training (issue 12 item 4).
  const era = eraPresentation(cable);
  const marked = era.portionMarks;
  const published = publishedLine(cable.published ?? null);
  const rendered = renderCable(cable);
  // What Cableroom adds for training, said beside the cable (not in it): above it in the cable
  // view, below it in a draft's preview, where the cable's own first lines must stay in view. One
  // line until opened, so the cable's first paragraph stays above the fold at 900×600.
  const trainingNote =
    era.trainingAdditions.length > 0 ? (
      <aside className="cable__training" data-testid="training-additions" aria-label="Added by Cableroom for training">
        <details>
          <summary>
            <span className="cable__label">Added by Cableroom for training:</span>{' '}
            {era.trainingAdditions.length === 1 ? 'a note' : `${era.trainingAdditions.length} notes`} on what the{' '}
            {era.eraWords} did not carry
          </summary>
          <ul>
            {era.trainingAdditions.map((t, i) => (
              <li key={i} data-testid="training-addition">
                {t}
              </li>
            ))}
          </ul>
        </details>
      </aside>
    ) : null;
  const name = preview ? `Cable ${shownText(cable.ref)} as it will be released` : `Cable ${shownText(cable.ref)}`;
  return (
    <>
      {!preview && <TamperedNotice chain={cable.chain} />}
      {!preview && trainingNote}
      <article
        className={`cable${preview ? ' cable--preview' : ''}`}
        aria-label={name}
        data-testid="cable"
        data-ref={cable.ref}
      >
        {preview && <DocumentBanner cable={cable} position="top" />}
        {published && (
          <p className="cable__published" data-testid="published-line">
            <ShownText text={published} />
          </p>
        )}
        <div className="cable__classification-line" data-testid="classification-line">
          <ShownText text={era.classificationLine} />
        </div>
        {(cable.captions.length > 0 || cable.pass.length > 0) && (
          <div className="cable__captions">
            {cable.captions.map((c, i) => (
              <div key={`${i}-${c}`} className="cable__caption" data-testid="caption">
                <ShownText text={c} />
              </div>
            ))}
            {cable.pass.map((p, i) => (
              <div key={`pass-${i}`} className="cable__pass" data-testid="pass-line">
                <ShownText text={passWords(p)} />
              </div>
            ))}
          </div>
        )}

        <dl className={`cable__header${high ? ' cable__header--high' : ''}`} data-testid="cable-header">
          {era.precedenceShown && (
            <HeaderLine label="PRECEDENCE" testId="precedence-line">
              <PrecedenceBadge precedence={cable.precedence} niact={cable.niact} />
            </HeaderLine>
          )}
          <HeaderLine label="DTG" testId="dtg">
            <ShownText text={cable.dtg} />
          </HeaderLine>
          <HeaderLine label="FM" testId="from">
            <ShownText text={cable.from.plad} />
            {cable.from.name && cable.from.name !== cable.from.plad ? (
              <span className="cable__gloss">
                {' '}
                (<ShownText text={cable.from.name} />)
              </span>
            ) : null}
          </HeaderLine>
          {action.length > 0 && (
            <HeaderLine label="TO" testId="action">
              {action.map((l, i) => (
                <div key={i}>
                  <ShownText text={l.words} />
                </div>
              ))}
            </HeaderLine>
          )}
          {info.length > 0 && (
            <HeaderLine label="INFO" testId="info">
              {info.map((l, i) => (
                <div key={i}>
                  <ShownText text={l.words} />
                </div>
              ))}
            </HeaderLine>
          )}
          {cable.eyesOnlyFor.length > 0 && (
            <HeaderLine label="EYES ONLY FOR" testId="eyes-only-for">
              <ShownText text={cable.eyesOnlyFor.join(', ')} />
            </HeaderLine>
          )}
          {cable.mrn && (
            <HeaderLine label="MRN">
              <ShownText text={cable.mrn} />
            </HeaderLine>
          )}
          {cable.fileRef && (
            <HeaderLine label="FILE">
              <ShownText text={cable.fileRef} />
            </HeaderLine>
          )}
          {cable.legacyEo && (
            <HeaderLine label={`E.O. ${cable.legacyEo.order}:`} testId="eo-line">
              <ShownText text={cable.legacyEo.code} />
            </HeaderLine>
          )}
          {cable.tags.length > 0 && (
            <HeaderLine label="TAGS">
              <ShownText text={formatTagsLine(cable.tags)} />
            </HeaderLine>
          )}
        </dl>

        {cable.repeats.length > 0 && (
          <div className="cable__repeats" data-testid="repeats">
            {cable.repeats.map((r, i) => (
              <dl key={i} className="cable__repeat">
                <HeaderLine label="REPEATED TO">
                  {repeatAddressLines(r).map((line, j) => (
                    <div key={j}>
                      <ShownText text={line} />
                    </div>
                  ))}
                  <div className="cable__repeat-meta">
                    <ShownText text={`${r.dtg} BY ${r.by}`} />
                  </div>
                </HeaderLine>
                {r.eyesOnlyFor.length > 0 && (
                  <HeaderLine label="EYES ONLY FOR">
                    <ShownText text={r.eyesOnlyFor.join(', ')} />
                  </HeaderLine>
                )}
                {r.note && (
                  <HeaderLine label="NOTE">
                    <span className="cable__repeat-note">
                      <ShownText text={r.note} />
                    </span>
                  </HeaderLine>
                )}
              </dl>
            ))}
          </div>
        )}

        <div className="cable__subject" data-testid="subject">
          <span className="cable__label">SUBJECT:</span> <ShownText text={cable.subject} />
        </div>
        {cable.references.length > 0 && <CableReferences references={cable.references} onOpen={onOpenReference} />}

        {cable.classAuthority && (
          <p className="cable__authority" data-testid="class-authority">
            <ShownText
              text={`Classified By: ${cable.classAuthority.classifiedBy}, ${cable.classAuthority.position}. Reason: ${cable.classAuthority.reasons.join(', ')}. Declassify On: ${cable.classAuthority.declassifyOn}.`}
            />
          </p>
        )}
        {cable.summary && (
          <p className="cable__summary" data-testid="summary">
            <span className="cable__label">SUMMARY:</span> <ShownText text={cable.summary} />
          </p>
        )}

        <div className="cable__body">
          {cable.paragraphs.map((p, i) => (
            <Paragraph key={i} paragraph={p} marked={marked} />
          ))}
        </div>

        {cable.signedBy && (
          <div className="cable__signature" data-testid="signature">
            <ShownText text={cable.signedBy} />
          </div>
        )}

        {hasDraftingBlock(cable) && (
          <dl className="cable__drafting" data-testid="drafting">
            {cable.draftedBy.length > 0 && (
              <HeaderLine label="DRAFTED BY">
                <ShownText text={nameList(cable.draftedBy)} />
              </HeaderLine>
            )}
            {cable.clearedBy.length > 0 && (
              <HeaderLine label="CLEARED BY">
                <ShownText text={nameList(cable.clearedBy)} />
              </HeaderLine>
            )}
            {cable.approvedBy.length > 0 && (
              <HeaderLine label="APPROVED BY">
                <ShownText text={nameList(cable.approvedBy)} />
              </HeaderLine>
            )}
          </dl>
        )}
        {preview && <DocumentBanner cable={cable} position="bottom" />}
      </article>
      {preview && trainingNote}

      <details className="cable__printout" data-testid="printout">
        <summary>As printed ({rendered.form})</summary>
        <pre className="mono">{formatCableText(cable)}</pre>
      </details>

      {/* The print path (print.css): the era's form, a sheet for each of its pages. */}
      {!preview && (
        <div className="cable-print" data-testid="print-form" aria-hidden="true">
          {era.trainingAdditions.map((t, i) => (
            <p key={i} className="cable-print__training">
              Added by Cableroom for training: {t}
            </p>
          ))}
          {rendered.pages.map((page, i) => (
            <pre key={i} className="cable-print__page mono" data-testid="print-page">
              {page.join('\n')}
            </pre>
          ))}
        </div>
      )}

      {!preview && <SignatureChainSection chain={cable.chain} />}

      {cable.sourceNote && (
        <aside className="source-note" data-testid="source-note" aria-label="Source note">
          <h2 className="source-note__title">Source note</h2>
          <p>
            <ShownText text={cable.sourceNote} />
          </p>
        </aside>
      )}
    </>
  );
}

function HeaderLine(props: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="header-line" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/**
 * A numbered paragraph with its portion mark (5 FAH-1 H-246.2), none on an ADS cable under E.O.
 * 11652 (issue 16); FYI passages set apart (§0).
 */
function Paragraph({ paragraph: p, marked }: { paragraph: ParagraphView; marked: boolean }) {
  const body = (
    <p className="paragraph__text">
      {p.n !== null && <span className="paragraph__number">{p.n}.</span>}
      {marked && (
        <span className="paragraph__portion" data-testid="portion">
          {portionLabel(p.portion)}
        </span>
      )}{' '}
      <ShownText text={p.text} />
    </p>
  );
  if (!p.fyi) {
    return (
      <div className="paragraph" data-testid="paragraph" data-n={p.n ?? undefined}>
        {body}
      </div>
    );
  }
  return (
    <section
      className="paragraph paragraph--fyi"
      data-testid="paragraph"
      data-n={p.n ?? undefined}
      data-fyi="true"
      aria-label={`Paragraph ${p.n ?? ''} FYI: background for the addressee`}
    >
      <div className="paragraph__fyi-label" data-testid="fyi-label">
        FYI · background for the addressee, not instructions
      </div>
      {body}
    </section>
  );
}

/**
 * "REF: A. Topol 578" (DOMAIN.md §1.10): a reference is a link when main has given it a target,
 * which it does only for a cable this reader may open; otherwise it is plain text, as written.
 */
function CableReferences(props: {
  references: ReadonlyArray<ReferenceView>;
  onOpen?: CableDocumentProps['onOpenReference'];
}) {
  const { onOpen } = props;
  return (
    <div className="cable__refs">
      {props.references.map((r, i) => (
        <div key={i}>
          <span className="cable__label">REF:</span> <ShownText text={r.label ? `${r.label}. ` : ''} />
          {r.target && onOpen ? (
            <button
              type="button"
              className="cable__ref-link"
              data-testid="ref-link"
              aria-label={`Open ${shownText(r.target.ref)} (${shownText(r.target.banner)})`}
              onClick={() => r.target && onOpen(r.target)}
            >
              <ShownText text={r.text} />
            </button>
          ) : (
            <span data-testid="ref-text">
              <ShownText text={r.text} />
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
