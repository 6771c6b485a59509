import { describe, expect, test, vi } from 'vitest';
import { trafficEdges, type TrafficFilter } from '../../../electron/domain/traffic';
import { createTrafficService } from '../../../electron/core/services/traffic';
import { fixtureVolume } from '../../support/frusVolume';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

/**
 * The traffic of a volume (issue 12 item 5) on a real SQLite file: frus1961-63v05's twelve
 * telegrams (Washington–Moscow, 1961–62, and one circular), imported by a historian.
 */
const core = seededCoreFixture();
const VOLUME = 'frus1961-63v05';

async function imported(c: SeededCore): Promise<void> {
  await c.accounts.create(c.users.byLogin('instructor'), {
    login: 'historian',
    displayName: 'Ernest May',
    post: 'USMISSION USNATO',
    role: 'historian',
    clearance: 'CONFIDENTIAL',
    categories: [],
    captionRoles: [],
    foreignNational: false,
    passphrase: 'a long enough passphrase',
  });
  const historian = c.users.byLogin('historian');
  const job = c.imports.start(historian, [
    { name: `${VOLUME}.xml`, bytes: new TextEncoder().encode(fixtureVolume(VOLUME)) },
  ]);
  const done = await vi.waitUntil(() => {
    const s = c.imports.status(historian, job.jobId);
    return s.done ? s : false;
  });
  expect(done.imported).toHaveLength(12);
}

describe('the traffic of a volume', () => {
  test('a historian sees every telegram of the volume as posts and weighted edges; the read is audited', async () => {
    const c = core();
    await imported(c);
    const historian = c.users.byLogin('historian');
    expect(c.traffic.volumes(historian)).toEqual([
      { volume: VOLUME, telegrams: 12, first: '1961-01-23T22:57:00.000Z', last: '1962-11-07T19:00:00.000Z' },
    ]);
    const t = c.traffic.volume(historian, VOLUME);
    expect(t.cables).toHaveLength(12);
    expect(t.cables.map((x) => x.sentAt)).toEqual([...t.cables.map((x) => x.sentAt)].sort());
    const weights = Object.fromEntries(t.edges.map((e) => [e.id, e.weight]));
    expect(weights).toMatchObject({
      'SECSTATE WASHDC→AMEMBASSY MOSCOW': 6,
      'AMEMBASSY MOSCOW→SECSTATE WASHDC': 5,
    });
    expect(t.edges.reduce((n, e) => n + e.weight, 0)).toBe(12);
    const moscow1797 = t.cables.find((x) => x.ref === 'MOSCOW 1797')!;
    expect(moscow1797).toMatchObject({ doc: 19, classification: 'TOP_SECRET', captions: ['EYES ONLY'] });
    expect(t.posts.map((p) => p.plad)).toEqual(expect.arrayContaining(['SECSTATE WASHDC', 'AMEMBASSY MOSCOW']));
    // Every post is placed once, inside the picture, and no two boxes overlap.
    expect(t.layout.nodes.map((n) => n.plad)).toEqual(t.posts.map((p) => p.plad));
    for (const n of t.layout.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(t.layout.height);
    }
    const overlaps = t.layout.nodes.flatMap((a, i) =>
      t.layout.nodes
        .slice(i + 1)
        .filter((b) => Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height),
    );
    expect(overlaps).toEqual([]);
    const entry = c.audit.list({ limit: 1, action: 'VIEW' })[0]!;
    expect(entry).toMatchObject({
      actorLogin: 'historian',
      detail: { what: 'traffic', volume: VOLUME, access: 'archive' },
    });
    // Every telegram is shown under the archive rule, which admits a historian to all of them.
    expect((entry.detail as { cables: number[] }).cables).toHaveLength(12);

    c.traffic.recordExport(historian, VOLUME, 'svg');
    expect(c.audit.list({ limit: 1, action: 'EXPORT' })[0]).toMatchObject({
      actorLogin: 'historian',
      detail: { what: 'traffic', volume: VOLUME, format: 'svg', telegrams: 12, access: 'archive' },
    });
  });

  test('a trainee sees only the telegrams the training rules let them read: the circular to every post', async () => {
    const c = core();
    await imported(c);
    const trainee = c.users.byLogin('trainee');
    expect(c.traffic.volumes(trainee)).toEqual([
      { volume: VOLUME, telegrams: 1, first: '1961-01-28T04:17:00.000Z', last: '1961-01-28T04:17:00.000Z' },
    ]);
    const t = c.traffic.volume(trainee, VOLUME);
    expect(t.cables.map((x) => x.ref)).toEqual(['STATE CIRCULAR 1115']);
    expect(t.edges.map((e) => [e.from, e.weight])).toEqual([['SECSTATE WASHDC', 1]]);
    expect(JSON.stringify(t)).not.toContain('MOSCOW 1797');
    // Nothing the archive rule admitted: nothing audited as an archive read.
    expect(c.audit.list({ limit: 1, action: 'VIEW' })).toEqual([]);
    expect(() => c.traffic.volume(trainee, 'frus1900v99')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as Error,
    );
  });

  test('read in three queries for a whole-archive reader: the same answer as cable by cable', async () => {
    const c = core();
    await imported(c);
    const historian = c.users.byLogin('historian');
    const byCable = createTrafficService(c.db, c.audit, { bulkArchive: false });
    expect(c.traffic.volume(historian, VOLUME)).toEqual(byCable.volume(historian, VOLUME));
    expect(c.traffic.volumes(historian)).toEqual(byCable.volumes(historian));
    const instructor = c.users.byLogin('instructor');
    expect(c.traffic.volume(instructor, VOLUME)).toEqual(byCable.volume(instructor, VOLUME));
  });

  test('filters: date range, classification and caption narrow the edges', async () => {
    const c = core();
    await imported(c);
    const { cables } = c.traffic.volume(c.users.byLogin('historian'), VOLUME);
    const only = (f: Partial<TrafficFilter>) =>
      trafficEdges(cables, { from: null, to: null, classifications: null, captions: null, ...f }).map((e) => [
        e.id,
        e.weight,
      ]);
    expect(only({ classifications: new Set(['TOP_SECRET']) })).toEqual([['AMEMBASSY MOSCOW→SECSTATE WASHDC', 1]]);
    expect(only({ captions: new Set(['LIMDIS']) })).toEqual([['AMEMBASSY MOSCOW→SECSTATE WASHDC', 2]]);
    expect(only({ from: '1962-01-01T00:00:00.000Z' })).toEqual([['AMEMBASSY MOSCOW→SECSTATE WASHDC', 1]]);
    expect(only({ to: '1961-01-24T00:00:00.000Z' })).toEqual([['SECSTATE WASHDC→AMEMBASSY MOSCOW', 2]]);
  });
});
