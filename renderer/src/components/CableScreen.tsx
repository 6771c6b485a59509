import { useEffect, useRef, type ReactNode } from 'react';
import type { CableView, EraProfile, ParagraphView } from '../../../electron/domain/cable';
import type { Classification } from '../../../electron/domain/classification';
import { portionLabel } from '../../../electron/domain/markings';
import { isHighPrecedence } from '../../../electron/domain/precedence';
import { addresseeLines, hasDraftingBlock, nameList, passWords, repeatAddressLines } from './cableText';
import { ClassificationBanner, PrecedenceBadge } from './markings';

/**
 * One cable (pure view). Every piece of cable text is a React text node: nothing here parses or
 * injects markup, so a hostile body shows as the characters it contains. The classification
 * banner is sticky at top and bottom of the scrolling page (DOMAIN.md rule 25), and captions are
 * one per line (rule 12), with the pass line beside them (rule 17).
 */
export type CableScreenState =
  | Readonly<{ status: 'loading' }>
  | Readonly<{ status: 'error'; message: string }>
  | Readonly<{ status: 'ready'; cable: CableView }>;

export type CableScreenProps = Readonly<{
  state: CableScreenState;
  /** What the inbox row said, to mark the page correctly while the cable loads. */
  placeholder: Readonly<{ ref: string; classification: Classification }>;
  onBack(): void;
}>;

const PROFILE_WORDS: Readonly<Record<EraProfile, string>> = {
  FRUS_1960S: '1960s telegram (FRUS)',
  ADS_1973_79: '1973–79 ADS teletype',
  CABLEGATE_2000S: '2000s cable',
  MODERN: 'Modern SMART cable',
};

export function CableScreen(props: CableScreenProps) {
  const { state, onBack } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Arrow and page keys then scroll the cable without a click first.
    scrollerRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        onBack();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onBack]);

  const classification = state.status === 'ready' ? state.cable.classification : props.placeholder.classification;
  const bannerText = state.status === 'ready' ? state.cable.banner : undefined;
  const ref = state.status === 'ready' ? state.cable.ref : props.placeholder.ref;

  return (
    <div className="screen screen--cable" data-testid="screen-cable" ref={scrollerRef} tabIndex={-1}>
      <ClassificationBanner classification={classification} text={bannerText} position="top" sticky />
      <div className="cable-toolbar">
        <button type="button" className="button" onClick={onBack} data-testid="back-to-inbox">
          ← Inbox
        </button>
        <span className="cable-toolbar__ref">{ref}</span>
        {state.status === 'ready' && (
          <span className="cable-toolbar__profile muted">{PROFILE_WORDS[state.cable.profile]}</span>
        )}
        <span className="cable-toolbar__hint muted">Esc returns to the inbox</span>
      </div>
      <main className="cable-page">
        {state.status === 'loading' && <p className="cable-page__status muted">Opening {ref}…</p>}
        {state.status === 'error' && (
          <p className="cable-page__status form-error" role="alert">
            {state.message}
          </p>
        )}
        {state.status === 'ready' && <CableDocument cable={state.cable} />}
      </main>
      <ClassificationBanner classification={classification} text={bannerText} position="bottom" sticky />
    </div>
  );
}

function CableDocument({ cable }: { cable: CableView }) {
  const action = addresseeLines(cable.action);
  const info = addresseeLines(cable.info);
  const high = isHighPrecedence(cable.precedence, cable.niact);
  return (
    <>
      <article className="cable" aria-label={`Cable ${cable.ref}`} data-testid="cable">
        {(cable.captions.length > 0 || cable.pass.length > 0) && (
          <div className="cable__captions">
            {cable.captions.map((c, i) => (
              <div key={`${i}-${c}`} className="cable__caption" data-testid="caption">
                {c}
              </div>
            ))}
            {cable.pass.map((p, i) => (
              <div key={`pass-${i}`} className="cable__pass" data-testid="pass-line">
                {passWords(p)}
              </div>
            ))}
          </div>
        )}

        <dl className={`cable__header${high ? ' cable__header--high' : ''}`} data-testid="cable-header">
          <HeaderLine label="PRECEDENCE">
            <PrecedenceBadge precedence={cable.precedence} niact={cable.niact} />
          </HeaderLine>
          <HeaderLine label="DTG" testId="dtg">
            {cable.dtg}
          </HeaderLine>
          <HeaderLine label="FM" testId="from">
            {cable.from.plad}
            {cable.from.name && cable.from.name !== cable.from.plad ? (
              <span className="cable__gloss"> ({cable.from.name})</span>
            ) : null}
          </HeaderLine>
          {action.length > 0 && (
            <HeaderLine label="TO" testId="action">
              {action.map((l, i) => (
                <div key={i}>{l.words}</div>
              ))}
            </HeaderLine>
          )}
          {info.length > 0 && (
            <HeaderLine label="INFO" testId="info">
              {info.map((l, i) => (
                <div key={i}>{l.words}</div>
              ))}
            </HeaderLine>
          )}
          {cable.eyesOnlyFor.length > 0 && (
            <HeaderLine label="EYES ONLY FOR" testId="eyes-only-for">
              {cable.eyesOnlyFor.join(', ')}
            </HeaderLine>
          )}
          {cable.mrn && <HeaderLine label="MRN">{cable.mrn}</HeaderLine>}
          {cable.fileRef && <HeaderLine label="FILE">{cable.fileRef}</HeaderLine>}
          {cable.tags.length > 0 && <HeaderLine label="TAGS">{cable.tags.join(', ')}</HeaderLine>}
        </dl>

        {cable.repeats.length > 0 && (
          <dl className="cable__repeats" data-testid="repeats">
            {cable.repeats.map((r, i) => (
              <div key={i} className="cable__repeat">
                <HeaderLine label="REPEATED TO">
                  {repeatAddressLines(r).map((line, j) => (
                    <div key={j}>{line}</div>
                  ))}
                  <div className="cable__repeat-meta">
                    {r.dtg} BY {r.by}
                  </div>
                </HeaderLine>
                {r.eyesOnlyFor.length > 0 && <HeaderLine label="EYES ONLY FOR">{r.eyesOnlyFor.join(', ')}</HeaderLine>}
                {r.note && (
                  <HeaderLine label="NOTE">
                    <span className="cable__repeat-note">{r.note}</span>
                  </HeaderLine>
                )}
              </div>
            ))}
          </dl>
        )}

        <div className="cable__subject" data-testid="subject">
          <span className="cable__label">SUBJECT:</span> {cable.subject}
        </div>
        {cable.references.length > 0 && (
          <div className="cable__refs">
            {cable.references.map((r, i) => (
              <div key={i}>
                <span className="cable__label">REF:</span> {r.label ? `${r.label}. ` : ''}
                {r.text}
              </div>
            ))}
          </div>
        )}

        <div className="cable__body">
          {cable.paragraphs.map((p, i) => (
            <Paragraph key={i} paragraph={p} />
          ))}
        </div>

        {cable.signedBy && (
          <div className="cable__signature" data-testid="signature">
            {cable.signedBy}
          </div>
        )}

        {hasDraftingBlock(cable) && (
          <dl className="cable__drafting" data-testid="drafting">
            {cable.draftedBy.length > 0 && <HeaderLine label="DRAFTED BY">{nameList(cable.draftedBy)}</HeaderLine>}
            {cable.clearedBy.length > 0 && <HeaderLine label="CLEARED BY">{nameList(cable.clearedBy)}</HeaderLine>}
            {cable.approvedBy.length > 0 && <HeaderLine label="APPROVED BY">{nameList(cable.approvedBy)}</HeaderLine>}
          </dl>
        )}
      </article>

      {cable.sourceNote && (
        <aside className="source-note" data-testid="source-note" aria-label="Source note">
          <h2 className="source-note__title">Source note</h2>
          <p>{cable.sourceNote}</p>
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

/** A numbered paragraph with its portion mark (5 FAH-1 H-246.2); FYI passages set apart (§0). */
function Paragraph({ paragraph: p }: { paragraph: ParagraphView }) {
  const body = (
    <p className="paragraph__text">
      {p.n !== null && <span className="paragraph__number">{p.n}.</span>}
      <span className="paragraph__portion" data-testid="portion">
        {portionLabel(p.portion)}
      </span>{' '}
      {p.text}
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
