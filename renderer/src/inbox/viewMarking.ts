import { CLASSIFICATIONS, classificationRank, type Classification } from '../../../electron/domain/classification';

/**
 * The overall marking of a list view (DOMAIN.md rule 25: every view carries a banner with its
 * overall marking; §4: the banner is the highest classification shown). Inbox rows carry no
 * dissemination controls, so this is the level only. Among equal ranks an administrative
 * control wins over plain UNCLASSIFIED, because it is the more restrictive marking.
 */
export function higherMarking(a: Classification, b: Classification): Classification {
  const byRank = classificationRank(b) - classificationRank(a);
  if (byRank > 0) return b;
  if (byRank < 0) return a;
  return CLASSIFICATIONS.indexOf(b) > CLASSIFICATIONS.indexOf(a) ? b : a;
}
