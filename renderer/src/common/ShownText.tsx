import { displayText } from '../../../electron/domain/displayText';

/**
 * Cable-originated text as it may be shown (issue: markings cannot be forged or hidden). Every
 * string that came from a cable (subject, paragraphs, captions, names, source note) goes through
 * `displayText`, which turns bidi overrides, zero-width and control characters into visible
 * tokens such as "⟦U+202E⟧"; this component also sets each token apart so the reader sees it.
 * The result is React text nodes only, never markup. The wrapper isolates the text's own
 * direction, so even right-to-left letters cannot reorder the marks printed beside it.
 */
const TOKEN = /(⟦U\+[0-9A-F]{4,6}⟧)/u;

export function ShownText(props: { text: string }) {
  const shown = displayText(props.text);
  if (!TOKEN.test(shown)) return <span className="shown">{shown}</span>;
  return (
    <span className="shown">
      {shown.split(TOKEN).map((part, i) =>
        i % 2 === 1 ? (
          <span
            key={i}
            className="shown__hidden-char"
            title="A hidden or direction-changing character, shown as its code"
          >
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </span>
  );
}

/** The same treatment for attribute values (aria-label, title), which cannot hold elements. */
export function shownText(text: string): string {
  return displayText(text);
}
