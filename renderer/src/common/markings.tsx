import { Fragment } from 'react';
import {
  bannerColours,
  classificationWords,
  isAdministrativeControl,
  type Classification,
} from '../../../electron/domain/classification';
import { displayText } from '../../../electron/domain/displayText';
import { isHighPrecedence, precedenceWords, type Precedence } from '../../../electron/domain/precedence';

/**
 * Marking primitives shared by every screen: the classification banner (DOMAIN.md rule 25), the
 * classification chip used in lists and the precedence badge (FLASH and NIACT stand out, rule 8).
 * Colours come from the domain's `bannerColours`, never from CSS, so they cannot drift. LOU, SBU
 * and UNCLAS EFTO are administrative controls, not levels (rule 2): a white band in a green frame,
 * never a level colour.
 */

export type BannerPosition = 'top' | 'bottom';

export function ClassificationBanner(props: {
  classification: Classification;
  /** The marking line, e.g. "SECRET//NOFORN"; defaults to the classification words. */
  text?: string | undefined;
  position: BannerPosition;
  sticky?: boolean;
}) {
  const { background, foreground } = bannerColours(props.classification);
  const administrative = isAdministrativeControl(props.classification);
  const classes = ['banner', `banner--${props.position}`];
  if (props.sticky) classes.push('banner--sticky');
  if (administrative) classes.push('banner--administrative');
  return (
    <div
      className={classes.join(' ')}
      role="note"
      aria-label={`${administrative ? 'Administrative control' : 'Classification'}: ${displayText(props.text ?? classificationWords(props.classification))}`}
      data-testid={`banner-${props.position}`}
      data-classification={props.classification}
      style={{ backgroundColor: background, color: foreground }}
    >
      {displayText(props.text ?? classificationWords(props.classification))}
    </div>
  );
}

export function ClassificationChip(props: {
  classification: Classification;
  /** The full marking line ("SECRET//NOFORN"); defaults to the level words. */
  text?: string;
}) {
  const { background, foreground } = bannerColours(props.classification);
  const classes = ['chip'];
  if (isAdministrativeControl(props.classification)) classes.push('chip--administrative');
  return (
    <span
      className={classes.join(' ')}
      data-testid="classification-chip"
      data-classification={props.classification}
      style={{ backgroundColor: background, color: foreground }}
    >
      <ChipWords text={displayText(props.text ?? classificationWords(props.classification))} />
    </span>
  );
}

export function PrecedenceBadge(props: { precedence: Precedence; niact: boolean }) {
  const high = isHighPrecedence(props.precedence, props.niact);
  const classes = ['precedence', `precedence--${props.precedence.toLowerCase()}`];
  if (props.niact) classes.push('precedence--niact');
  if (high) classes.push('precedence--high');
  return (
    <span className={classes.join(' ')} data-testid="precedence" data-high={high ? 'true' : undefined}>
      {precedenceWords(props.precedence, props.niact)}
    </span>
  );
}

/**
 * A marking line laid out so that it never breaks inside a word ("SECRET//NOFOR / N", issue 14
 * item 4): each "//" part stays whole, and a line too long for its column breaks only after a "//".
 */
function ChipWords(props: { text: string }) {
  const parts = props.text.split('//');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          <span className="chip__part">{i < parts.length - 1 ? `${part}//` : part}</span>
        </Fragment>
      ))}
    </>
  );
}
