import { PORTION_MARKS, type PortionMark } from '../../../electron/domain/classification';
import { portionMarked, type DraftParagraph } from '../../../electron/domain/draft';
import { portionLabel } from '../../../electron/domain/markings';
import { addParagraph, moveParagraph, removeParagraph, renumbered, replaceItem } from './draftEdits';
import { ComposerCheck, ComposerField, ComposerGroup } from './ComposerFindings';
import type { ComposerSectionProps } from './ComposerHeading';

/**
 * The text (pure view; 5 FAH-1 H-246): paragraphs with their number (none for a lone paragraph,
 * 1..n otherwise, rule 4), their portion mark (rule 1) and the FYI flag for background passages
 * (§0); added, removed and moved with buttons, so the keyboard does all of it.
 */
export function ComposerParagraphs({ draft, onChange }: ComposerSectionProps) {
  const count = draft.paragraphs.length;
  // An ADS cable under E.O. 11652 carries no portion marks (issue 16): no control to set them.
  const marked = portionMarked(draft);
  const update = (i: number, p: DraftParagraph) =>
    onChange({ ...draft, paragraphs: replaceItem(draft.paragraphs, i, p) });

  return (
    <section className="composer-section" aria-labelledby="composer-text-title">
      <h3 className="composer-section__title" id="composer-text-title">
        Text
      </h3>
      <ComposerGroup anchor="paragraphs" legend="Paragraphs" testId="paragraphs">
        {marked && draft.profile === 'FRUS_1960S' && (
          <p className="field-hint" data-testid="training-portion-marks">
            Portion marks here are added by Cableroom for training: 1961–63 telegrams had none, and the released
            telegram shows none.
          </p>
        )}
        {!marked && (
          <p className="field-hint" data-testid="no-portion-marks">
            No portion marks: an E.O. 11652 telegram carries none; portion marking came with E.O. 12065 in December
            1978.
          </p>
        )}
        {draft.paragraphs.map((p, i) => {
          const which = `paragraph ${i + 1}`;
          return (
            <ComposerGroup
              key={i}
              anchor={`paragraphs[${i}]`}
              legend={`Paragraph ${i + 1}${p.fyi ? ' (FYI)' : ''}`}
              className={`composer-item composer-paragraph${p.fyi ? ' composer-paragraph--fyi' : ''}`}
              testId="draft-paragraph"
            >
              <div className="composer-paragraph__marks">
                <ComposerField anchor={`paragraphs[${i}].n`} label={`Number of ${which}`} className="field--narrow">
                  {(c) => (
                    <input
                      {...c}
                      className="text-input mono"
                      type="number"
                      min={1}
                      max={999}
                      placeholder="none"
                      value={p.n ?? ''}
                      onChange={(e) =>
                        update(i, { ...p, n: e.target.value === '' ? null : Math.trunc(Number(e.target.value)) })
                      }
                    />
                  )}
                </ComposerField>
                {marked && (
                  <ComposerField anchor={`paragraphs[${i}].portion`} label={`Portion mark of ${which}`}>
                    {(c) => (
                      <select
                        {...c}
                        className="text-input mono"
                        value={p.portion}
                        onChange={(e) => update(i, { ...p, portion: e.target.value as PortionMark })}
                      >
                        {PORTION_MARKS.map((m) => (
                          <option key={m} value={m}>
                            {portionLabel(m)}
                          </option>
                        ))}
                      </select>
                    )}
                  </ComposerField>
                )}
                <ComposerCheck
                  anchor={`paragraphs[${i}].fyi`}
                  label={`FYI: background, not instructions (${which})`}
                  checked={p.fyi}
                  onChange={(fyi) => update(i, { ...p, fyi })}
                />
                <div className="composer-item__buttons">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${which} up`}
                    disabled={i === 0}
                    onClick={() => onChange(moveParagraph(draft, i, i - 1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${which} down`}
                    disabled={i === count - 1}
                    onClick={() => onChange(moveParagraph(draft, i, i + 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Remove ${which}`}
                    disabled={count === 1}
                    onClick={() => onChange(removeParagraph(draft, i))}
                  >
                    Remove
                  </button>
                </div>
              </div>
              <ComposerField anchor={`paragraphs[${i}].text`} label={`Text of ${which}`}>
                {(c) => (
                  <textarea
                    {...c}
                    className="text-input composer-textarea composer-paragraph__text"
                    rows={4}
                    maxLength={20_000}
                    value={p.text}
                    onChange={(e) => update(i, { ...p, text: e.target.value })}
                  />
                )}
              </ComposerField>
            </ComposerGroup>
          );
        })}
        <div className="composer-row">
          <button
            type="button"
            className="button button--small"
            disabled={count >= 200}
            onClick={() => onChange(addParagraph(draft))}
          >
            Add paragraph
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => onChange({ ...draft, paragraphs: renumbered(draft.paragraphs) })}
          >
            Number 1…n
          </button>
        </div>
      </ComposerGroup>
    </section>
  );
}
