import { describe, expect, test } from 'vitest';
import type { TrafficCable, TrafficLayout } from '../../../electron/domain/traffic';
import { trafficEdges } from '../../../electron/domain/traffic';
import {
  captionsOf,
  classificationsOf,
  dayWords,
  filterOf,
  sendingDays,
  wholeRange,
} from '../../../renderer/src/traffic/trafficFilter';
import { drawEdges, edgeWords, strokeFor, trafficFilename } from '../../../renderer/src/traffic/trafficGeometry';

/** The traffic view's pure parts (issue 12 item 5): filters as the screen holds them, and the drawn edges. */
const cable = (
  id: number,
  sentAt: string,
  from: string,
  to: string,
  extra: Partial<TrafficCable> = {},
): TrafficCable => ({
  cableId: id,
  ref: `REF ${id}`,
  dtg: '',
  sentAt,
  doc: id,
  from,
  classification: 'SECRET',
  banner: 'SECRET',
  captions: [],
  subject: '',
  routes: [{ from, to, role: 'ACTION' }],
  ...extra,
});

const CABLES = [
  cable(1, '1962-10-22T12:00:00.000Z', 'SECSTATE WASHDC', 'AMEMBASSY MOSCOW'),
  cable(2, '1962-10-26T18:00:00.000Z', 'AMEMBASSY MOSCOW', 'SECSTATE WASHDC', {
    classification: 'TOP_SECRET',
    banner: 'TOP SECRET',
    captions: ['EYES ONLY'],
  }),
  cable(3, '1962-10-27T01:00:00.000Z', 'SECSTATE WASHDC', 'AMEMBASSY MOSCOW', { captions: ['NODIS'] }),
];

describe('the traffic filter', () => {
  test('days, classifications and captions present; the whole range keeps everything', () => {
    const days = sendingDays(CABLES);
    expect(days).toEqual(['1962-10-22', '1962-10-26', '1962-10-27']);
    expect(classificationsOf(CABLES)).toEqual(['TOP_SECRET', 'SECRET']);
    expect(captionsOf(CABLES)).toEqual(['EYES ONLY', 'NODIS', 'none']);
    const all = filterOf(wholeRange(days), days, classificationsOf(CABLES), captionsOf(CABLES));
    expect(trafficEdges(CABLES, all).map((e) => [e.id, e.weight])).toEqual([
      ['SECSTATE WASHDC→AMEMBASSY MOSCOW', 2],
      ['AMEMBASSY MOSCOW→SECSTATE WASHDC', 1],
    ]);
    expect(dayWords('1962-10-27')).toBe('27 OCT 1962');
  });

  test('a range of days, a hidden classification or caption narrows the edges', () => {
    const days = sendingDays(CABLES);
    const classes = classificationsOf(CABLES);
    const captions = captionsOf(CABLES);
    const edges = (choice: Parameters<typeof filterOf>[0]) =>
      trafficEdges(CABLES, filterOf(choice, days, classes, captions)).map((e) => [e.id, e.cableIds]);
    const whole = wholeRange(days);
    // The last day includes the whole of it, whatever the hour.
    expect(edges({ ...whole, fromDay: 2 })).toEqual([['SECSTATE WASHDC→AMEMBASSY MOSCOW', [3]]]);
    expect(edges({ ...whole, hiddenClassifications: new Set(['SECRET']) })).toEqual([
      ['AMEMBASSY MOSCOW→SECSTATE WASHDC', [2]],
    ]);
    expect(edges({ ...whole, hiddenCaptions: new Set(['none', 'EYES ONLY']) })).toEqual([
      ['SECSTATE WASHDC→AMEMBASSY MOSCOW', [3]],
    ]);
  });
});

describe('the drawn edges', () => {
  const layout: TrafficLayout = {
    width: 600,
    height: 200,
    nodes: [
      { plad: 'SECSTATE WASHDC', x: 100, y: 100, width: 140, height: 44 },
      { plad: 'AMEMBASSY MOSCOW', x: 500, y: 100, width: 150, height: 44 },
    ],
  };

  test('the two directions between a pair are two curves bent apart, each ending at a box border', () => {
    const drawn = drawEdges(layout, trafficEdges(CABLES));
    expect(drawn).toHaveLength(2);
    const [there, back] = drawn;
    // Washington → Moscow bends one way, Moscow → Washington the other.
    expect(Math.sign(there!.label.y - 100)).toBe(-Math.sign(back!.label.y - 100));
    // The arrow's tip lies on the target's border (Moscow: 425..575 × 78..122), not inside the box.
    const [x, y] = there!.arrow.split(' ')[0]!.split(',').map(Number) as [number, number];
    const onSide = Math.abs(Math.abs(x - 500) - 75) < 0.2 && Math.abs(y - 100) <= 22.1;
    const onTopOrBottom = Math.abs(Math.abs(y - 100) - 22) < 0.2 && Math.abs(x - 500) <= 75.1;
    expect(onSide || onTopOrBottom).toBe(true);
    expect(there!.strokePx).toBeGreaterThan(back!.strokePx);
  });

  test('words, stroke and file name', () => {
    expect(edgeWords(trafficEdges(CABLES)[0]!)).toBe('SECSTATE WASHDC → AMEMBASSY MOSCOW: 2 telegrams (action)');
    expect(strokeFor(1)).toBe(1.5);
    expect(strokeFor(10_000)).toBe(9);
    expect(trafficFilename('frus1961-63v11', 'png')).toBe('frus1961-63v11-traffic.png');
  });
});
