import { useId, useState } from 'react';
import type { DraftClearer } from '../../../electron/domain/draft';
import { clearerKey, moveItem, nullable, removeItem, replaceItem } from './draftEdits';
import { ComposerField, ComposerGroup } from './ComposerFindings';
import type { ComposerSectionProps } from './ComposerHeading';
import { AddPicker, ChipList, PeopleOptions, personName } from './ComposerPickers';

/**
 * The drafting block (pure view; DOMAIN.md §1.11): the drafters (the first one signs), the
 * clearances — a person or an office, to clear, to be informed (INFO) or to clear in substance
 * (SUBST) — the approving official, and the signature line. Who these are decides who signs
 * what in the clearance chain (rule 23).
 */
const KIND_WORDS: Readonly<Record<DraftClearer['kind'], string>> = {
  CLEAR: 'Clears',
  INFO: 'Informed (INFO)',
  SUBST: 'Clears in substance (SUBST)',
};

export function ComposerClearances({ draft, directory, onChange }: ComposerSectionProps) {
  // On an ADS cable, "S/S-O: Goldsmith": a person clears in their office, as the 1970s printouts
  // write S/S-O:SGOLDSMITH (issue 16).
  const officeOf = (key: string) =>
    draft.profile === 'ADS_1973_79' ? (directory?.people.find((p) => p.key === key)?.office ?? null) : null;
  const clearerWords = (c: DraftClearer) =>
    c.person
      ? `${officeOf(c.person) ? `${officeOf(c.person)}: ` : ''}${personName(directory, c.person)}`
      : `${c.office?.code ?? ''} at ${c.office?.station ?? ''}`;

  return (
    <section className="composer-section" aria-labelledby="composer-drafting-title">
      <h3 className="composer-section__title" id="composer-drafting-title">
        Drafting, clearance and approval
      </h3>
      <ComposerGroup anchor="drafters" legend="Drafted by" testId="drafters">
        <ChipList
          ordered
          listName="drafters"
          empty="No drafter named."
          items={draft.drafters.map((key, i) => ({
            key,
            label: personName(directory, key),
            note: i === 0 ? '(signs)' : undefined,
          }))}
          onRemove={(i) => onChange({ ...draft, drafters: removeItem(draft.drafters, i) })}
          onMove={(from, to) => onChange({ ...draft, drafters: moveItem(draft.drafters, from, to) })}
        />
        <AddPicker
          label="Add a drafter"
          buttonLabel="Add"
          placeholder="Choose a person…"
          disabled={draft.drafters.length >= 4}
          options={<PeopleOptions directory={directory} />}
          onAdd={(key) => !draft.drafters.includes(key) && onChange({ ...draft, drafters: [...draft.drafters, key] })}
        />
      </ComposerGroup>

      <ComposerGroup anchor="clearers" legend="Cleared by" testId="clearers">
        {draft.clearers.length === 0 && <p className="chip-list__empty muted">No clearances.</p>}
        {draft.clearers.map((c, i) => (
          <ComposerGroup
            key={clearerKey(c)}
            anchor={`clearers[${i}]`}
            legend={clearerWords(c)}
            className="composer-item"
            testId="draft-clearer"
          >
            <div className="composer-clearer" data-key={clearerKey(c)}>
              <ComposerField anchor={`clearers[${i}].kind`} label={`Clearance by ${clearerWords(c)}`}>
                {(control) => (
                  <select
                    {...control}
                    className="text-input"
                    value={c.kind}
                    onChange={(e) =>
                      onChange({
                        ...draft,
                        clearers: replaceItem(draft.clearers, i, {
                          ...c,
                          kind: e.target.value as DraftClearer['kind'],
                        }),
                      })
                    }
                  >
                    {(['CLEAR', 'INFO', 'SUBST'] as const).map((k) => (
                      <option key={k} value={k}>
                        {KIND_WORDS[k]}
                      </option>
                    ))}
                  </select>
                )}
              </ComposerField>
              <button
                type="button"
                className="button button--small composer-item__remove"
                aria-label={`Remove clearance by ${clearerWords(c)}`}
                onClick={() => onChange({ ...draft, clearers: removeItem(draft.clearers, i) })}
              >
                Remove
              </button>
            </div>
          </ComposerGroup>
        ))}
        <NewClearer {...{ draft, directory, onChange }} />
      </ComposerGroup>

      <div className="composer-grid">
        <ComposerField anchor="approver" label="Approved by" hint="Signs last and releases the cable.">
          {(c) => (
            <select
              {...c}
              className="text-input"
              value={draft.approver ?? ''}
              onChange={(e) => onChange({ ...draft, approver: e.target.value === '' ? null : e.target.value })}
            >
              <option value="">(no approver yet)</option>
              <PeopleOptions directory={directory} />
            </select>
          )}
        </ComposerField>
        <ComposerField anchor="signature" label="Signature line" hint="The signing official’s surname, e.g. FINLETTER.">
          {(c) => (
            <input
              {...c}
              className="text-input mono"
              maxLength={40}
              autoComplete="off"
              spellCheck={false}
              value={draft.signature ?? ''}
              onChange={(e) => onChange({ ...draft, signature: nullable(e.target.value.toUpperCase()) })}
            />
          )}
        </ComposerField>
      </div>
    </section>
  );
}

/**
 * A clearance by a person, who clears in their office ("S/S-O:SGOLDSMITH" on a 1970s cable, issue
 * 16), or by an office of a post (FRUS: "cleared by EUR and NEA").
 */
function NewClearer({ draft, directory, onChange }: ComposerSectionProps) {
  const id = useId();
  const [who, setWho] = useState('');
  const [kind, setKind] = useState<DraftClearer['kind']>('CLEAR');
  const add = () => {
    const [type, ...rest] = who.split(':');
    const value = rest.join(':');
    if (value === '') return;
    let clearer: DraftClearer;
    if (type === 'office') {
      const [station = '', code = ''] = value.split('|');
      clearer = { office: { station, code }, kind };
    } else {
      clearer = { person: value, kind };
    }
    if (draft.clearers.some((c) => clearerKey(c) === clearerKey(clearer))) return;
    onChange({ ...draft, clearers: [...draft.clearers, clearer] });
    setWho('');
  };
  return (
    <div className="add-picker" data-testid="clearer-add">
      <span className="field-hint">Add a clearance</span>
      <div className="add-picker__row">
        <label className="visually-hidden" htmlFor={`${id}-who`}>
          New clearance: who clears
        </label>
        <select id={`${id}-who`} className="text-input" value={who} onChange={(e) => setWho(e.target.value)}>
          <option value="">Choose a person or an office…</option>
          {directory && (
            <>
              {[...new Set(directory.people.map((p) => p.plad))].map((plad) => (
                <optgroup key={`p-${plad}`} label={`People — ${plad}`}>
                  {directory.people
                    .filter((p) => p.plad === plad)
                    .map((p) => (
                      <option key={p.key} value={`person:${p.key}`}>
                        {p.name}
                        {p.office ? ` (${p.office})` : ''}
                      </option>
                    ))}
                </optgroup>
              ))}
              {directory.posts
                .filter((s) => s.offices.length > 0)
                .map((s) => (
                  <optgroup key={`o-${s.plad}`} label={`Offices — ${s.plad}`}>
                    {s.offices.map((o) => (
                      <option key={o.code} value={`office:${s.plad}|${o.code}`}>
                        {o.code} — {o.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
            </>
          )}
        </select>
        <label className="visually-hidden" htmlFor={`${id}-kind`}>
          New clearance: kind
        </label>
        <select
          id={`${id}-kind`}
          className="text-input"
          value={kind}
          onChange={(e) => setKind(e.target.value as DraftClearer['kind'])}
        >
          {(['CLEAR', 'INFO', 'SUBST'] as const).map((k) => (
            <option key={k} value={k}>
              {KIND_WORDS[k]}
            </option>
          ))}
        </select>
        <button type="button" className="button button--small" disabled={who === ''} onClick={add}>
          Add clearance
        </button>
      </div>
    </div>
  );
}
