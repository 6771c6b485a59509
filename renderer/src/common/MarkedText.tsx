import type { TextPart } from '../../../electron/domain/highlight';
import { ShownText } from './ShownText';

/**
 * Text with what a search matched highlighted (issue 14 item 3). Main has cut the text into
 * runs; each run is shown through `ShownText` (displayText: hidden and direction-changing
 * characters become visible tokens) as React text nodes, the matched ones inside <mark>. Nothing
 * here parses or injects markup.
 */
export function MarkedText(props: { parts: ReadonlyArray<TextPart> }) {
  return (
    <>
      {props.parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="search-mark">
            <ShownText text={p.text} />
          </mark>
        ) : (
          <ShownText key={i} text={p.text} />
        ),
      )}
    </>
  );
}
