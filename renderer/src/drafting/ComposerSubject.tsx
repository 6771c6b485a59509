import { useId, useState } from 'react';
import type { ClassAuthority, Draft, LegacyEo } from '../../../electron/domain/draft';
import { parseTagsLine, tagChoicesFor } from '../../../electron/domain/tags';
import { moveItem, nullable, removeItem } from './draftEdits';
import { shows } from './fieldPaths';
import { ComposerField, ComposerGroup } from './ComposerFindings';
import type { ComposerSectionProps } from './ComposerHeading';
import { AddPicker, ChipList } from './ComposerPickers';

/**
 * Subject and filing (pure view): the subject; by era, the 1960s file reference or TAGS from the
 * controlled list (rule 21); the classification authority block (CABLEGATE/MODERN) or the
 * "E.O. 11652:" line (ADS) (rule 5); and the unnumbered summary of a long cable (rule 26).
 */
const EO_ORDERS: ReadonlyArray<LegacyEo['order']> = ['11652', '12065', '12958', '13526'];

/** E.O. 13526 §1.4 reasons (a)–(h), as the authority block writes them. */
const AUTHORITY_REASONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => `1.4(${l})`);

const EMPTY_AUTHORITY: ClassAuthority = { classifiedBy: '', position: '', reasons: [], declassifyOn: '' };

/** An authority block with nothing in it is no block at all. */
function authorityOrNull(a: ClassAuthority): ClassAuthority | null {
  return a.classifiedBy === '' && a.position === '' && a.reasons.length === 0 && a.declassifyOn === '' ? null : a;
}

export function ComposerSubject({ draft, onChange }: ComposerSectionProps) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const shown = shows(draft);
  const authority = draft.classAuthority ?? EMPTY_AUTHORITY;
  const setAuthority = (patch: Partial<ClassAuthority>) =>
    set({ classAuthority: authorityOrNull({ ...authority, ...patch }) });
  // The era's list: the 1974 handbook for an ADS cable, the current list after (rule 21).
  const choices = tagChoicesFor(draft.profile);
  // A whole TAGS line may be typed or pasted: "OVIP UR (KOSYGIN, ALEKSEY N)" adds three entries.
  const addTag = (tag: string) => {
    const added = parseTagsLine(tag).filter((t, i, all) => !draft.tags.includes(t) && all.indexOf(t) === i);
    if (added.length > 0) set({ tags: [...draft.tags, ...added] });
  };

  return (
    <section className="composer-section" aria-labelledby="composer-subject-title">
      <h3 className="composer-section__title" id="composer-subject-title">
        Subject and filing
      </h3>
      <ComposerField anchor="subject" label="Subject">
        {(c) => (
          <input
            {...c}
            className="text-input"
            maxLength={500}
            value={draft.subject}
            onChange={(e) => set({ subject: e.target.value })}
          />
        )}
      </ComposerField>

      {shown.fileRef && (
        <ComposerField
          anchor="fileRef"
          label="File reference"
          hint="Decimal or subject-numeric file of the 1960s, e.g. 740.5/10-2862 (rule 21)."
        >
          {(c) => (
            <input
              {...c}
              className="text-input mono"
              maxLength={80}
              autoComplete="off"
              spellCheck={false}
              value={draft.fileRef ?? ''}
              onChange={(e) => set({ fileRef: nullable(e.target.value) })}
            />
          )}
        </ComposerField>
      )}

      {shown.tags && (
        <ComposerGroup anchor="tags" legend="TAGS" testId="tags">
          <p className="field-hint muted composer-group__sub">
            At least one subject TAG from the controlled list, with the geographic TAGS (rule 21; 5 FAH-3 H-011).
          </p>
          <ChipList
            ordered
            listName="TAGS"
            empty="No TAGS."
            items={draft.tags.map((t) => ({ key: t, label: t }))}
            onRemove={(i) => set({ tags: removeItem(draft.tags, i) })}
            onMove={(from, to) => set({ tags: moveItem(draft.tags, from, to) })}
          />
          <div className="composer-row">
            <AddPicker
              label="From the list"
              buttonLabel="Add TAG"
              placeholder="Choose a TAG…"
              testId="tag-add"
              onAdd={addTag}
              options={
                <>
                  <optgroup label="Subject TAGS">
                    {choices.subject.map(([tag, words]) => (
                      <option key={tag} value={tag}>
                        {tag} — {words}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label="Geographic and organization TAGS">
                    {choices.geo.map(([tag, words]) => (
                      <option key={tag} value={tag}>
                        {tag} — {words}
                      </option>
                    ))}
                  </optgroup>
                </>
              }
            />
            <FreeTag onAdd={addTag} />
          </div>
        </ComposerGroup>
      )}

      {shown.classAuthority && (
        <ComposerGroup anchor="classAuthority" legend="Classification authority" testId="class-authority">
          <p className="field-hint muted composer-group__sub">
            A classified cable of this era carries “Classified by”, the reasons (E.O. 13526 §1.4) and “Declassify on”
            (rule 5).
          </p>
          <div className="composer-grid">
            <ComposerField anchor="classAuthority.classifiedBy" label="Classified by">
              {(c) => (
                <input
                  {...c}
                  className="text-input"
                  maxLength={120}
                  value={authority.classifiedBy}
                  onChange={(e) => setAuthority({ classifiedBy: e.target.value })}
                />
              )}
            </ComposerField>
            <ComposerField anchor="classAuthority.position" label="Position">
              {(c) => (
                <input
                  {...c}
                  className="text-input"
                  maxLength={120}
                  value={authority.position}
                  onChange={(e) => setAuthority({ position: e.target.value })}
                />
              )}
            </ComposerField>
            <ComposerField anchor="classAuthority.declassifyOn" label="Declassify on" hint="A date, an event or 25X.">
              {(c) => (
                <input
                  {...c}
                  className="text-input mono"
                  maxLength={80}
                  value={authority.declassifyOn}
                  onChange={(e) => setAuthority({ declassifyOn: e.target.value })}
                />
              )}
            </ComposerField>
          </div>
          <ComposerGroup anchor="classAuthority.reasons" legend="Reasons">
            <div className="check-grid">
              {AUTHORITY_REASONS.map((r) => (
                <label key={r} className="check check--small">
                  <input
                    type="checkbox"
                    checked={authority.reasons.includes(r)}
                    onChange={(e) =>
                      setAuthority({
                        reasons: e.target.checked
                          ? AUTHORITY_REASONS.filter((x) => x === r || authority.reasons.includes(x))
                          : authority.reasons.filter((x) => x !== r),
                      })
                    }
                  />
                  {r}
                </label>
              ))}
            </div>
          </ComposerGroup>
        </ComposerGroup>
      )}

      <ComposerField
        anchor="practiceDate"
        label="Practice date"
        hint="The day the cable is dated outside an exercise, e.g. 1977-11-09: its DTG and MRN year (inside an exercise the scenario clock rules)."
      >
        {(c) => (
          <input
            {...c}
            className="text-input mono"
            type="date"
            value={draft.practiceDate ?? ''}
            onChange={(e) => set({ practiceDate: nullable(e.target.value) })}
          />
        )}
      </ComposerField>

      {shown.adsLines && (
        <div className="composer-grid" data-testid="ads-lines">
          <ComposerField
            anchor="forLine"
            label="FOR/FROM line"
            hint="Under the captions, e.g. FOR THE SECRETARY FROM AMBASSADOR (MOSCOW 16276)."
          >
            {(c) => (
              <input
                {...c}
                className="text-input mono"
                maxLength={200}
                value={draft.forLine ?? ''}
                onChange={(e) => set({ forLine: nullable(e.target.value) })}
              />
            )}
          </ComposerField>
          <ComposerField
            anchor="desiredDistribution"
            label="Desired distribution"
            hint="In the drafting block of a Department cable, e.g. S/S, INR, EUR, OC ONLY (STATE 041961)."
          >
            {(c) => (
              <input
                {...c}
                className="text-input mono"
                maxLength={200}
                value={draft.desiredDistribution ?? ''}
                onChange={(e) => set({ desiredDistribution: nullable(e.target.value) })}
              />
            )}
          </ComposerField>
        </div>
      )}

      {shown.legacyEo && (
        <ComposerGroup anchor="legacyEo" legend="E.O. line" testId="legacy-eo">
          <div className="composer-grid">
            <ComposerField anchor="legacyEo.order" label="Executive order" hint="“E.O. 11652: GDS” (rule 5).">
              {(c) => (
                <select
                  {...c}
                  className="text-input"
                  value={draft.legacyEo?.order ?? ''}
                  onChange={(e) =>
                    set({
                      legacyEo:
                        e.target.value === ''
                          ? null
                          : { order: e.target.value as LegacyEo['order'], code: draft.legacyEo?.code ?? '' },
                    })
                  }
                >
                  <option value="">No E.O. line</option>
                  {EO_ORDERS.map((o) => (
                    <option key={o} value={o}>
                      E.O. {o}
                    </option>
                  ))}
                </select>
              )}
            </ComposerField>
            <ComposerField anchor="legacyEo.code" label="Code" hint="GDS, XGDS1, DECLAS 12-31-84, N/A …">
              {(c) => (
                <input
                  {...c}
                  className="text-input mono"
                  maxLength={80}
                  disabled={draft.legacyEo === null}
                  value={draft.legacyEo?.code ?? ''}
                  onChange={(e) =>
                    draft.legacyEo && set({ legacyEo: { order: draft.legacyEo.order, code: e.target.value } })
                  }
                />
              )}
            </ComposerField>
          </div>
        </ComposerGroup>
      )}

      <ComposerField
        anchor="summary"
        label="Summary"
        hint="Unnumbered, before paragraph 1; needed when the cable runs over three pages (rule 26)."
      >
        {(c) => (
          <textarea
            {...c}
            className="text-input composer-textarea"
            rows={2}
            maxLength={5000}
            value={draft.summary ?? ''}
            onChange={(e) => set({ summary: nullable(e.target.value) })}
          />
        )}
      </ComposerField>
    </section>
  );
}

/**
 * TAGS typed by hand: a personal-name TAG such as "OVIP (KISSINGER, HENRY A.)", one not on the
 * list, or a whole TAGS line as the cable prints it ("PFOR, UR, US").
 */
function FreeTag(props: { onAdd(tag: string): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const add = () => {
    props.onAdd(text);
    setText('');
  };
  return (
    <div className="add-picker">
      <label className="field-hint" htmlFor={id}>
        Or type one
      </label>
      <div className="add-picker__row">
        <input
          id={id}
          className="text-input mono"
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          placeholder="OVIP (KISSINGER, HENRY A.)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button--small" disabled={text.trim() === ''} onClick={add}>
          Add
        </button>
      </div>
    </div>
  );
}
