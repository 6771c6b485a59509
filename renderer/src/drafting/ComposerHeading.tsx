import { ERA_PROFILES, type EraProfile } from '../../../electron/domain/cable';
import { CAPTIONS, captionWords, DISSEM_CONTROLS, type DissemControl } from '../../../electron/domain/captions';
import { CLASSIFICATIONS, classificationWords, type Classification } from '../../../electron/domain/classification';
import type { ComposerDirectory, Draft, DraftEyesOnly } from '../../../electron/domain/draft';
import { moveItem, nullable, parseWordList, PROFILE_WORDS, removeItem, toggleCaption } from './draftEdits';
import { shows } from './fieldPaths';
import { ComposerField, ComposerGroup } from './ComposerFindings';
import { AddPicker, ChipList, PeopleOptions, personName, WordListInput } from './ComposerPickers';

/**
 * The heading of the draft (pure view): era profile, originator and series, the classification
 * (with the reason rule 1 asks for when it is above every portion), captions in the order they
 * will print (rule 12), Eyes Only persons or the principals (rule 14), and the dissemination
 * controls with REL TO (rule 20).
 */
export type ComposerSectionProps = Readonly<{
  draft: Draft;
  directory: ComposerDirectory | null;
  onChange(draft: Draft): void;
}>;

const DISSEM_WORDS: Readonly<Record<DissemControl, string>> = {
  NOFORN: 'NOFORN — not releasable to foreign nationals',
  ORCON: 'ORCON — originator controlled',
  REL_TO: 'REL TO — releasable to the countries listed',
  FOUO: 'FOUO — for official use only',
};

export function ComposerHeading({ draft, directory, onChange }: ComposerSectionProps) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const post = directory?.posts.find((p) => p.plad === draft.originator.plad);
  const principals = draft.eyesOnly.some((e) => 'principals' in e);
  const persons = draft.eyesOnly.flatMap((e, i) => ('person' in e ? [{ person: e.person, index: i }] : []));
  const shown = shows(draft);
  const setPrincipals = (on: boolean) => {
    const rest = draft.eyesOnly.filter((e) => !('principals' in e));
    set({ eyesOnly: on ? [...rest, { principals: true }] : rest });
  };

  return (
    <section className="composer-section" aria-labelledby="composer-heading-title">
      <h3 className="composer-section__title" id="composer-heading-title">
        Heading and handling
      </h3>
      <div className="composer-grid">
        <ComposerField anchor="profile" label="Profile" hint="The era whose rules apply.">
          {(c) => (
            <select
              {...c}
              className="text-input"
              value={draft.profile}
              onChange={(e) => set({ profile: e.target.value as EraProfile })}
            >
              {ERA_PROFILES.map((p) => (
                <option key={p} value={p}>
                  {PROFILE_WORDS[p]}
                </option>
              ))}
            </select>
          )}
        </ComposerField>
        <ComposerField
          anchor="originator.office"
          label="Originating office"
          hint={
            <>
              From your post, <span className="mono">{draft.originator.plad}</span>.
            </>
          }
        >
          {(c) => (
            <select
              {...c}
              className="text-input"
              value={draft.originator.office ?? ''}
              onChange={(e) =>
                set({
                  originator:
                    e.target.value === ''
                      ? { plad: draft.originator.plad }
                      : { plad: draft.originator.plad, office: e.target.value },
                })
              }
            >
              <option value="">(the post as a whole)</option>
              {post?.offices.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.code} — {o.name}
                </option>
              ))}
            </select>
          )}
        </ComposerField>
        <ComposerField anchor="series" label="Series" hint="e.g. POLTO; the release gives it its number.">
          {(c) => (
            <input
              {...c}
              className="text-input mono"
              autoComplete="off"
              spellCheck={false}
              maxLength={8}
              placeholder="none"
              value={draft.series ?? ''}
              onChange={(e) => {
                const series = e.target.value.toUpperCase().replace(/[^A-Z]/g, '');
                set({ series: series === '' ? null : series });
              }}
            />
          )}
        </ComposerField>
        <ComposerField anchor="classification" label="Classification">
          {(c) => (
            <select
              {...c}
              className="text-input"
              value={draft.classification}
              onChange={(e) => set({ classification: e.target.value as Classification })}
            >
              {CLASSIFICATIONS.map((level) => (
                <option key={level} value={level}>
                  {classificationWords(level)}
                </option>
              ))}
            </select>
          )}
        </ComposerField>
        {shown.classificationReason && (
          <ComposerField
            anchor="classificationReason"
            label="Why above the portions"
            hint="Rule 1: the overall marking may exceed every portion only with a recorded reason."
            className="composer-grid__wide"
          >
            {(c) => (
              <input
                {...c}
                className="text-input"
                maxLength={500}
                value={draft.classificationReason ?? ''}
                onChange={(e) => set({ classificationReason: nullable(e.target.value) })}
              />
            )}
          </ComposerField>
        )}
      </div>

      <ComposerGroup anchor="captions" legend="Captions" testId="captions">
        <div className="check-grid">
          {CAPTIONS.map((caption) => (
            <label key={caption} className="check check--small">
              <input
                type="checkbox"
                checked={draft.captions.includes(caption)}
                onChange={(e) => onChange(toggleCaption(draft, caption, e.target.checked))}
              />
              {captionWords(caption)}
            </label>
          ))}
        </div>
        <p className="field-hint muted composer-group__sub">Prints in this order, one per line:</p>
        <ChipList
          ordered
          listName="captions"
          testId="caption-order"
          empty="No captions."
          items={draft.captions.map((c) => ({ key: c, label: captionWords(c) }))}
          onRemove={(i) => set({ captions: removeItem(draft.captions, i) })}
          onMove={(from, to) => set({ captions: moveItem(draft.captions, from, to) })}
        />
      </ComposerGroup>

      <ComposerGroup anchor="eyesOnly" legend="Eyes Only" testId="eyes-only">
        <label className="check check--small">
          <input type="checkbox" checked={principals} onChange={(e) => setPrincipals(e.target.checked)} />
          The principals of the receiving posts (“eyes only Ambassadors”)
        </label>
        <ChipList
          listName="Eyes Only"
          empty="No person named."
          items={persons.map((p) => ({ key: p.person, label: personName(directory, p.person) }))}
          onRemove={(i) => {
            const index = persons[i]?.index;
            if (index !== undefined) set({ eyesOnly: removeItem(draft.eyesOnly, index) });
          }}
        />
        <AddPicker
          label="Name a person"
          buttonLabel="Add"
          placeholder="Choose a person…"
          testId="eyes-only-add"
          options={<PeopleOptions directory={directory} />}
          onAdd={(person) => {
            if (persons.some((p) => p.person === person)) return;
            const entry: DraftEyesOnly = { person };
            set({ eyesOnly: [...draft.eyesOnly, entry] });
          }}
        />
      </ComposerGroup>

      <ComposerGroup anchor="dissem" legend="Dissemination controls">
        <div className="check-grid check-grid--wide">
          {DISSEM_CONTROLS.map((d) => (
            <label key={d} className="check check--small">
              <input
                type="checkbox"
                checked={draft.dissem.includes(d)}
                onChange={(e) =>
                  set({ dissem: e.target.checked ? [...draft.dissem, d] : draft.dissem.filter((x) => x !== d) })
                }
              />
              {DISSEM_WORDS[d]}
            </label>
          ))}
        </div>
        {shown.relTo && (
          <ComposerField anchor="relTo" label="REL TO countries" hint="Country codes, e.g. GBR, FRA (USA is implied).">
            {(c) => (
              <WordListInput
                control={c}
                value={draft.relTo}
                placeholder="GBR, FRA"
                parse={parseWordList}
                onChange={(relTo) => set({ relTo })}
              />
            )}
          </ComposerField>
        )}
      </ComposerGroup>
    </section>
  );
}
