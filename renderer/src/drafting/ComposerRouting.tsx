import { useId, useState } from 'react';
import { ADDRESSEE_ROLES, type AddresseeRole } from '../../../electron/domain/cable';
import type { Draft, DraftAddressee, DraftPass } from '../../../electron/domain/draft';
import { PRECEDENCES, type Precedence } from '../../../electron/domain/precedence';
import { addAddressee, addresseeName, moveItem, removeItem, replaceItem } from './draftEdits';
import { ComposerCheck, ComposerField, ComposerGroup } from './ComposerFindings';
import type { ComposerSectionProps } from './ComposerHeading';
import { AddPicker, ChipList, PeopleOptions, personName, StationOptions } from './ComposerPickers';

/**
 * Addressing (pure view; DOMAIN.md §1.8): stations or collectives, each for ACTION, INFO or
 * EXEMPT (rules 10, 11) with its own precedence and NIACT (rules 6, 7, 9) and its "for" persons;
 * pass instructions "X PASS Y" (rule 17); and the drafter's confirmation that paragraph 1
 * justifies NIACT (rule 7). The order of addressees is the order they print.
 */
const ROLE_WORDS: Readonly<Record<AddresseeRole, string>> = {
  ACTION: 'Action',
  INFO: 'Info',
  EXEMPT: 'Exempt',
};

export function ComposerRouting({ draft, directory, onChange }: ComposerSectionProps) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const update = (i: number, a: DraftAddressee) => set({ addressees: replaceItem(draft.addressees, i, a) });
  const anyNiact = draft.addressees.some((a) => a.niact);

  return (
    <section className="composer-section" aria-labelledby="composer-routing-title">
      <h3 className="composer-section__title" id="composer-routing-title">
        Addressees and routing
      </h3>
      <ComposerGroup anchor="addressees" legend="Addressees" testId="addressee-list">
        {draft.addressees.length === 0 && <p className="chip-list__empty muted">No addressees yet.</p>}
        {draft.addressees.map((a, i) => {
          const name = addresseeName(a);
          return (
            <ComposerGroup
              key={`${i}-${name}`}
              anchor={`addressees[${i}]`}
              legend={
                <>
                  <span className="mono">{name}</span>
                  {a.collective !== undefined && <span className="muted"> (collective)</span>}
                </>
              }
              className="composer-item"
              testId="draft-addressee"
            >
              <div className="composer-addressee" data-name={name}>
                <ComposerField anchor={`addressees[${i}].role`} label={`Role of ${name}`}>
                  {(c) => (
                    <select
                      {...c}
                      className="text-input"
                      value={a.role}
                      onChange={(e) => update(i, { ...a, role: e.target.value as AddresseeRole })}
                    >
                      {ADDRESSEE_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_WORDS[r]}
                        </option>
                      ))}
                    </select>
                  )}
                </ComposerField>
                <ComposerField anchor={`addressees[${i}].precedence`} label={`Precedence of ${name}`}>
                  {(c) => (
                    <select
                      {...c}
                      className="text-input"
                      value={a.precedence}
                      onChange={(e) => update(i, { ...a, precedence: e.target.value as Precedence })}
                    >
                      {PRECEDENCES.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                  )}
                </ComposerField>
                <ComposerCheck
                  anchor={`addressees[${i}].niact`}
                  label={`NIACT for ${name}`}
                  checked={a.niact}
                  onChange={(niact) => update(i, { ...a, niact })}
                />
                <div className="composer-item__buttons">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${name} up`}
                    disabled={i === 0}
                    onClick={() => set({ addressees: moveItem(draft.addressees, i, i - 1) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${name} down`}
                    disabled={i === draft.addressees.length - 1}
                    onClick={() => set({ addressees: moveItem(draft.addressees, i, i + 1) })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Remove addressee ${name}`}
                    onClick={() => set({ addressees: removeItem(draft.addressees, i) })}
                  >
                    Remove
                  </button>
                </div>
              </div>
              <ComposerGroup
                anchor={`addressees[${i}].for`}
                legend={`“For” persons at ${name}`}
                className="composer-for"
              >
                <ChipList
                  listName={`“for” persons of ${name}`}
                  empty="None."
                  items={a.for.map((key) => ({ key, label: personName(directory, key) }))}
                  onRemove={(k) => update(i, { ...a, for: removeItem(a.for, k) })}
                />
                <AddPicker
                  label={`Add a “for” person at ${name}`}
                  buttonLabel="Add"
                  placeholder="Choose a person…"
                  options={<PeopleOptions directory={directory} />}
                  onAdd={(key) => !a.for.includes(key) && update(i, { ...a, for: [...a.for, key] })}
                />
              </ComposerGroup>
            </ComposerGroup>
          );
        })}
        <AddPicker
          label="Add an addressee"
          buttonLabel="Add addressee"
          placeholder="Choose a station or collective…"
          testId="addressee-add"
          options={<StationOptions directory={directory} collectives />}
          onAdd={(value) => {
            const [kind, ...rest] = value.split(':');
            const name = rest.join(':');
            if (name === '' || draft.addressees.some((a) => addresseeName(a) === name)) return;
            onChange(addAddressee(draft, kind === 'collective' ? { collective: name } : { plad: name }));
          }}
        />
      </ComposerGroup>

      <ComposerGroup anchor="passes" legend="Pass instructions" testId="passes">
        {draft.passes.length === 0 && <p className="chip-list__empty muted">None.</p>}
        {draft.passes.map((p, i) => (
          <PassLine key={i} index={i} pass={p} draft={draft} directory={directory} onChange={onChange} />
        ))}
        <NewPass draft={draft} directory={directory} onChange={onChange} />
      </ComposerGroup>

      {(anyNiact || draft.niactJustified) && (
        <ComposerCheck
          anchor="niactJustified"
          label="Paragraph 1 justifies NIACT (rule 7: the post will act on it at any hour)"
          checked={draft.niactJustified}
          onChange={(niactJustified) => set({ niactJustified })}
        />
      )}
    </section>
  );
}

function PassLine(props: ComposerSectionProps & { index: number; pass: DraftPass }) {
  const { draft, index: i, pass: p, directory, onChange } = props;
  const update = (next: DraftPass) => onChange({ ...draft, passes: replaceItem(draft.passes, i, next) });
  return (
    <ComposerGroup
      anchor={`passes[${i}]`}
      legend={`${p.by} PASS ${p.to}`}
      className="composer-item"
      testId="draft-pass"
    >
      <div className="composer-pass">
        <ComposerField anchor={`passes[${i}].by`} label={`Pass ${i + 1}: passed by`}>
          {(c) => (
            <select {...c} className="text-input" value={p.by} onChange={(e) => update({ ...p, by: e.target.value })}>
              <StationOptions directory={directory} />
            </select>
          )}
        </ComposerField>
        <ComposerField anchor={`passes[${i}].to`} label={`Pass ${i + 1}: passed to`}>
          {(c) => (
            <select {...c} className="text-input" value={p.to} onChange={(e) => update({ ...p, to: e.target.value })}>
              <StationOptions directory={directory} />
            </select>
          )}
        </ComposerField>
        <ComposerField anchor={`passes[${i}].precedence`} label={`Pass ${i + 1}: precedence`}>
          {(c) => (
            <select
              {...c}
              className="text-input"
              value={p.precedence ?? ''}
              onChange={(e) =>
                update(
                  e.target.value === ''
                    ? { by: p.by, to: p.to }
                    : { by: p.by, to: p.to, precedence: e.target.value as Precedence },
                )
              }
            >
              <option value="">(as the cable)</option>
              {PRECEDENCES.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          )}
        </ComposerField>
        <button
          type="button"
          className="button button--small composer-item__remove"
          aria-label={`Remove pass instruction ${i + 1}`}
          onClick={() => onChange({ ...draft, passes: removeItem(draft.passes, i) })}
        >
          Remove
        </button>
      </div>
    </ComposerGroup>
  );
}

/** "X PASS Y": the passing post (an addressee, rule 17) and the post it passes to. */
function NewPass({ draft, directory, onChange }: ComposerSectionProps) {
  const id = useId();
  const [by, setBy] = useState('');
  const [to, setTo] = useState('');
  const add = () => {
    if (by === '' || to === '') return;
    onChange({ ...draft, passes: [...draft.passes, { by, to }] });
    setBy('');
    setTo('');
  };
  return (
    <div className="add-picker" data-testid="pass-add">
      <span className="field-hint">Add a pass instruction</span>
      <div className="add-picker__row">
        <label className="visually-hidden" htmlFor={`${id}-by`}>
          New pass: passed by
        </label>
        <select id={`${id}-by`} className="text-input" value={by} onChange={(e) => setBy(e.target.value)}>
          <option value="">Passed by…</option>
          <StationOptions directory={directory} />
        </select>
        <span className="mono">PASS</span>
        <label className="visually-hidden" htmlFor={`${id}-to`}>
          New pass: passed to
        </label>
        <select id={`${id}-to`} className="text-input" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">Passed to…</option>
          <StationOptions directory={directory} />
        </select>
        <button type="button" className="button button--small" disabled={by === '' || to === ''} onClick={add}>
          Add pass
        </button>
      </div>
    </div>
  );
}
