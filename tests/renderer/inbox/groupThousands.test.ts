import { expect, test } from 'vitest';
import { groupThousands } from '../../../renderer/src/inbox/InboxScreen';

/** The footer's count is written as toLocaleString('en-US') would, without Intl (issue 15 item 6). */
test('counts are grouped by thousands with commas, as en-US writes them', () => {
  for (const n of [0, 7, 999, 1_000, 12_345, 100_005, 850_058, 1_000_000]) {
    expect(groupThousands(n)).toBe(n.toLocaleString('en-US'));
  }
});
