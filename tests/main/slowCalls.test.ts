import { describe, expect, it } from 'vitest';
import { developmentSlowCallLog } from '../../electron/main/router';
import { APP_FRAME, routerFixture } from '../support/router';

/** Issue 14 item 10: main-process calls slower than the threshold are logged with their endpoint. */
const router = routerFixture();

describe('the slow-call log', () => {
  it('names the endpoint and the duration of a call over the threshold', async () => {
    const lines: string[] = [];
    const { r } = router({ slowCalls: { thresholdMs: -1, report: (l) => lines.push(l) } });
    const result = await r.handle(APP_FRAME, 'session:current', {});
    expect(result.ok).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cableroom: slow call currentUser took \d+\.\d ms$/);
  });

  it('stays quiet for calls under the threshold, and for refused calls', async () => {
    const lines: string[] = [];
    const { r } = router({ slowCalls: { thresholdMs: 60_000, report: (l) => lines.push(l) } });
    await r.handle(APP_FRAME, 'session:current', {});
    const refused = await r.handle(APP_FRAME, 'inbox:list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(lines).toEqual([]);
  });

  it('is off in tests and CI, and on in development', () => {
    expect(developmentSlowCallLog({ CI: '1' })).toBeUndefined();
    expect(developmentSlowCallLog({ VITEST: 'true' })).toBeUndefined();
    expect(developmentSlowCallLog({ CABLEROOM_SLOW_CALL_LOG: '0' })).toBeUndefined();
    expect(developmentSlowCallLog({})).toMatchObject({ thresholdMs: 50 });
  });
});
