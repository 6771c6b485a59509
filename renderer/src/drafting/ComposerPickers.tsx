import { useId, useState, type ReactNode } from 'react';
import type { ComposerDirectory } from '../../../electron/domain/draft';
import { ShownText } from '../common/ShownText';

/**
 * The composer's pickers (pure views): people, stations and collectives from the composer
 * directory as native selects (keyboard and screen reader work as everywhere), an "Add" button
 * beside each so that arrowing through a closed select never adds anything by itself, and
 * ordered chip lists for what was chosen.
 */
type Person = ComposerDirectory['people'][number];

export function personWords(p: Person): string {
  return `${p.name} — ${p.plad}${p.office ? ` ${p.office}` : ''}${p.hasKey ? '' : ' (no signing key)'}`;
}

/** The name a directory key stands for, or the key itself when the directory does not know it. */
export function personName(directory: ComposerDirectory | null, key: string): string {
  return directory?.people.find((p) => p.key === key)?.name ?? key;
}

/** People as options, grouped by post. */
export function PeopleOptions({ directory }: { directory: ComposerDirectory | null }) {
  if (!directory) return null;
  const posts = [...new Set(directory.people.map((p) => p.plad))];
  return (
    <>
      {posts.map((plad) => (
        <optgroup key={plad} label={directory.posts.find((s) => s.plad === plad)?.name ?? plad}>
          {directory.people
            .filter((p) => p.plad === plad)
            .map((p) => (
              <option key={p.key} value={p.key}>
                {personWords(p)}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

/** Stations (by PLAD) as options, and optionally the collectives. */
export function StationOptions(props: { directory: ComposerDirectory | null; collectives?: boolean }) {
  const { directory } = props;
  if (!directory) return null;
  return (
    <>
      {props.collectives && directory.collectives.length > 0 && (
        <optgroup label="Collectives">
          {directory.collectives.map((c) => (
            <option key={`c:${c.name}`} value={`collective:${c.name}`}>
              {c.name} ({c.members.length} posts)
            </option>
          ))}
        </optgroup>
      )}
      <optgroup label="Stations">
        {directory.posts.map((s) => (
          <option key={s.plad} value={props.collectives ? `station:${s.plad}` : s.plad}>
            {s.plad} — {s.name}
          </option>
        ))}
      </optgroup>
    </>
  );
}

/** A select and an "Add" button: picks one thing to add to a list. */
export function AddPicker(props: {
  label: string;
  buttonLabel: string;
  placeholder: string;
  options: ReactNode;
  disabled?: boolean;
  testId?: string;
  onAdd(value: string): void;
}) {
  const id = useId();
  const [value, setValue] = useState('');
  const add = () => {
    if (value === '') return;
    props.onAdd(value);
    setValue('');
  };
  return (
    <div className="add-picker" data-testid={props.testId}>
      <label className="field-hint" htmlFor={id}>
        {props.label}
      </label>
      <div className="add-picker__row">
        <select
          id={id}
          className="text-input"
          value={value}
          disabled={props.disabled}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        >
          <option value="">{props.placeholder}</option>
          {props.options}
        </select>
        <button type="button" className="button button--small" disabled={props.disabled || value === ''} onClick={add}>
          {props.buttonLabel}
        </button>
      </div>
    </div>
  );
}

/** What was chosen, in order: each item with its remove button, and up/down when the order matters. */
export function ChipList(props: {
  items: ReadonlyArray<Readonly<{ key: string; label: string; note?: string }>>;
  /** The list's name for the buttons' labels: "Remove Rusk from Eyes Only". */
  listName: string;
  ordered?: boolean;
  empty: string;
  testId?: string;
  disabled?: boolean;
  onRemove(index: number): void;
  onMove?(from: number, to: number): void;
}) {
  const { items } = props;
  if (items.length === 0) return <p className="chip-list__empty muted">{props.empty}</p>;
  const List = props.ordered ? 'ol' : 'ul';
  return (
    <List className={`chip-list${props.ordered ? ' chip-list--ordered' : ''}`} data-testid={props.testId}>
      {items.map((item, i) => (
        <li key={item.key} className="chip-list__item" data-key={item.key}>
          <span className="chip-list__label">
            <ShownText text={item.label} />
            {item.note && <span className="chip-list__note muted"> {item.note}</span>}
          </span>
          {props.onMove && items.length > 1 && (
            <>
              <button
                type="button"
                className="icon-button"
                disabled={props.disabled || i === 0}
                aria-label={`Move ${item.label} up in ${props.listName}`}
                onClick={() => props.onMove?.(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                disabled={props.disabled || i === items.length - 1}
                aria-label={`Move ${item.label} down in ${props.listName}`}
                onClick={() => props.onMove?.(i, i + 1)}
              >
                ↓
              </button>
            </>
          )}
          <button
            type="button"
            className="icon-button"
            disabled={props.disabled}
            aria-label={`Remove ${item.label} from ${props.listName}`}
            onClick={() => props.onRemove(i)}
          >
            ✕
          </button>
        </li>
      ))}
    </List>
  );
}

/**
 * A list of words typed as text ("GBR, FRA"): what is typed stays as typed (a trailing comma
 * included), and the parsed list goes to the draft. When the list changes from elsewhere (a
 * reload), the text follows it.
 */
export function WordListInput(props: {
  control: Readonly<{ id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined }>;
  value: ReadonlyArray<string>;
  placeholder: string;
  parse(text: string): ReadonlyArray<string>;
  onChange(list: ReadonlyArray<string>): void;
}) {
  const [text, setText] = useState(() => props.value.join(', '));
  const parsed = props.parse(text);
  const same = parsed.length === props.value.length && parsed.every((w, i) => w === props.value[i]);
  return (
    <input
      {...props.control}
      className="text-input mono"
      autoComplete="off"
      spellCheck={false}
      placeholder={props.placeholder}
      value={same ? text : props.value.join(', ')}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(props.parse(e.target.value));
      }}
    />
  );
}
