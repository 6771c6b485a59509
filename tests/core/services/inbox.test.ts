import { describe, expect, test } from 'vitest';
import { cableInputSchema } from '../../../electron/core/cables/cableInput';
import { insertCable } from '../../../electron/core/store/cableWriter';
import type { InboxRow } from '../../../electron/domain/cable';
import { seededCoreFixture } from '../../support/tempCore';

const core = seededCoreFixture();

const refs = (rows: ReadonlyArray<InboxRow>): string[] => rows.map((r) => r.ref);

describe('inbox', () => {
  test("finletter's inbox lists USRO's cables newest first, TOPOL 578 included", () => {
    const c = core();
    const page = c.inbox.list(c.users.byLogin('finletter'), { limit: 50 });
    expect(refs(page.rows)).toEqual(['TOPOL 593', 'TOPOL 592', 'TOPOL 591', 'TOPOL 590', 'TOPOL 578']);
    expect(page.nextCursor).toBeNull();
    const topol = page.rows.find((r) => r.ref === 'TOPOL 578')!;
    expect(topol).toMatchObject({
      classification: 'SECRET',
      captions: ['EYES ONLY'],
      role: 'ACTION',
      from: 'SECSTATE WASHDC',
    });
  });

  test('the trainee (CONFIDENTIAL) sees neither SECRET cable; the duty officer is kept out of EYES ONLY (rules 14, 18)', () => {
    const c = core();
    expect(refs(c.inbox.list(c.users.byLogin('trainee'), { limit: 50 }).rows)).toEqual([
      'TOPOL 593',
      'TOPOL 592',
      'TOPOL 590',
    ]);
    expect(refs(c.inbox.list(c.users.byLogin('duty-usro'), { limit: 50 }).rows)).toEqual([
      'TOPOL 593',
      'TOPOL 592',
      'TOPOL 591',
      'TOPOL 590',
    ]);
  });

  test('the foreign liaison officer never sees the NOFORN cable (rule 20)', () => {
    const c = core();
    const rows = c.inbox.list(c.users.byLogin('liaison'), { limit: 50 }).rows;
    expect(refs(rows)).not.toContain('TOPOL 591');
    expect(refs(rows)).toContain('TOPOL 590');
  });

  test('Embassy Paris holds TOPOL 578 as passed by USRO; Moscow does not hold it at all', () => {
    const c = core();
    const paris = c.inbox.list(c.users.byLogin('bohlen'), { limit: 50 }).rows;
    expect(paris.find((r) => r.ref === 'TOPOL 578')).toMatchObject({ role: 'PASS' });
    expect(refs(c.inbox.list(c.users.byLogin('kohler'), { limit: 50 }).rows)).not.toContain('TOPOL 578');
  });

  test('keyset paging walks every row exactly once, also across identical delivery times', () => {
    const c = core();
    const flood = 230;
    c.db.transaction(() => {
      for (let i = 0; i < flood; i++) {
        insertCable(
          c.db,
          cableInputSchema.parse({
            ref: `STATE ${2000 + i}`,
            profile: 'FRUS_1960S',
            // Thirty cables share each minute, so ties on delivered_at are common.
            dtg: `31${String(10 + Math.floor(i / 30)).padStart(2, '0')}00Z OCT 62`,
            originator: { plad: 'SECSTATE WASHDC' },
            classification: 'UNCLASSIFIED',
            subject: `Flood ${i}`,
            transmission: { addressees: [{ plad: 'USMISSION USNATO', role: 'ACTION' }] },
            paragraphs: [{ n: null, portion: 'U', text: 'Flood.' }],
          }),
        );
      }
    })();
    const actor = c.users.byLogin('trainee');
    const seen: string[] = [];
    let cursor = null;
    let pages = 0;
    do {
      const page = c.inbox.list(actor, { cursor, limit: 17 });
      seen.push(...refs(page.rows));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toHaveLength(flood + 3);
    expect(new Set(seen).size).toBe(seen.length);
    // Newest first: the last flood minute comes before the first.
    expect(seen.indexOf('STATE 2229')).toBeLessThan(seen.indexOf('STATE 2000'));
  });
});
