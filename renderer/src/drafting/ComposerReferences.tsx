import { useId, useState } from 'react';
import type { SearchHit } from '../../../electron/domain/cable';
import type { Draft, DraftReference } from '../../../electron/domain/draft';
import { nextReferenceLabel, removeItem, replaceItem, withReferenceCable } from './draftEdits';
import { ComposerField, ComposerGroup } from './ComposerFindings';
import type { ComposerSectionProps } from './ComposerHeading';
import { ClassificationChip } from '../common/markings';
import type { SearchState } from '../inbox/SearchResults';
import { ShownText } from '../common/ShownText';

/**
 * "REF:" lines (pure view; DOMAIN.md §1.10): a label, the text as it prints, and the ref of the
 * archived cable it cites. The ref can be typed (a cable the drafter may not read can still be
 * cited by its ref) or picked from a search of the archive, which lists only what the drafter may
 * see. The rule checker then holds the draft to the cited cable's label (rule 19).
 */
export type ComposerReferencesProps = ComposerSectionProps &
  Readonly<{
    archive: SearchState;
    onArchiveSearch(query: string): void;
  }>;

export function ComposerReferences({ draft, onChange, archive, onArchiveSearch }: ComposerReferencesProps) {
  const set = (references: Draft['references']) => onChange({ ...draft, references });
  const update = (i: number, ref: DraftReference) => set(replaceItem(draft.references, i, ref));
  const cite = (hit: SearchHit) => {
    if (draft.references.some((r) => r.cable === hit.ref)) return;
    set([...draft.references, { label: nextReferenceLabel(draft.references), text: hit.ref, cable: hit.ref }]);
  };

  return (
    <section className="composer-section" aria-labelledby="composer-refs-title">
      <h3 className="composer-section__title" id="composer-refs-title">
        References
      </h3>
      <ComposerGroup anchor="references" legend="REF lines" testId="references">
        {draft.references.length === 0 && <p className="chip-list__empty muted">No references.</p>}
        {draft.references.map((r, i) => (
          <ComposerGroup
            key={i}
            anchor={`references[${i}]`}
            legend={`Reference ${i + 1}`}
            className="composer-item"
            testId="reference"
          >
            <div className="composer-ref">
              <ComposerField anchor={`references[${i}].label`} label={`Label of reference ${i + 1}`}>
                {(c) => (
                  <input
                    {...c}
                    className="text-input mono"
                    maxLength={4}
                    value={r.label}
                    onChange={(e) => update(i, { ...r, label: e.target.value.toUpperCase() })}
                  />
                )}
              </ComposerField>
              <ComposerField anchor={`references[${i}].text`} label={`Text of reference ${i + 1}`}>
                {(c) => (
                  <input
                    {...c}
                    className="text-input"
                    maxLength={200}
                    placeholder="Topol 578"
                    value={r.text}
                    onChange={(e) => update(i, { ...r, text: e.target.value })}
                  />
                )}
              </ComposerField>
              <ComposerField
                anchor={`references[${i}].cable`}
                label={`Archived cable of reference ${i + 1}`}
                hint="Its ref, e.g. TOPOL 578"
              >
                {(c) => (
                  <input
                    {...c}
                    className="text-input mono"
                    maxLength={80}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="none"
                    value={r.cable ?? ''}
                    onChange={(e) => update(i, withReferenceCable(r, e.target.value.toUpperCase()))}
                  />
                )}
              </ComposerField>
              <button
                type="button"
                className="button button--small composer-item__remove"
                aria-label={`Remove reference ${i + 1}`}
                onClick={() => set(removeItem(draft.references, i))}
              >
                Remove
              </button>
            </div>
          </ComposerGroup>
        ))}
        <button
          type="button"
          className="button button--small"
          disabled={draft.references.length >= 26}
          onClick={() => set([...draft.references, { label: nextReferenceLabel(draft.references), text: '' }])}
        >
          Add reference
        </button>
      </ComposerGroup>
      <ArchivePicker archive={archive} onSearch={onArchiveSearch} onCite={cite} />
    </section>
  );
}

/** Search the archive (only what the drafter may see) and cite a hit as the next reference. */
function ArchivePicker(props: { archive: SearchState; onSearch(query: string): void; onCite(hit: SearchHit): void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const { archive } = props;
  const search = () => {
    if (query.trim() !== '') props.onSearch(query.trim());
  };
  return (
    <div className="archive-picker" data-testid="archive-picker">
      <label className="field-label" htmlFor={id}>
        Find a cable to cite
      </label>
      <div className="add-picker__row">
        <input
          id={id}
          type="search"
          className="text-input"
          autoComplete="off"
          placeholder="Words of its subject or text"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              search();
            }
          }}
        />
        <button type="button" className="button button--small" disabled={query.trim() === ''} onClick={search}>
          Search
        </button>
      </div>
      <div aria-live="polite">
        {archive.status === 'searching' && <p className="field-hint muted">Searching…</p>}
        {archive.status === 'error' && (
          <p className="form-error" role="alert">
            {archive.message}
          </p>
        )}
        {archive.status === 'ready' && archive.hits.length === 0 && (
          <p className="field-hint muted">No cable you may see matches “{archive.query}”.</p>
        )}
      </div>
      {archive.status === 'ready' && archive.hits.length > 0 && (
        <ul className="archive-picker__hits">
          {archive.hits.map((hit) => (
            <li key={hit.cableId} className="archive-hit" data-testid="archive-hit" data-ref={hit.ref}>
              <span className="archive-hit__ref mono">
                <ShownText text={hit.ref} />
              </span>
              <ClassificationChip classification={hit.classification} text={hit.banner} />
              <span className="archive-hit__subject">
                <ShownText text={hit.subject} />
              </span>
              <button type="button" className="button button--small" onClick={() => props.onCite(hit)}>
                Cite <ShownText text={hit.ref} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
