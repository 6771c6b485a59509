import { performance } from 'node:perf_hooks';

/** Latency summary of one measured operation, in milliseconds. */
export type Summary = Readonly<{ samples: number; median: number; p95: number; max: number }>;

/** Nearest-rank percentile of an ascending array (p in 0..1). */
export function percentile(sorted: ReadonlyArray<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarize(ms: ReadonlyArray<number>): Summary {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * Times `run(prepare(i))` for i in 0..samples-1, after `warmup` untimed calls, and returns the
 * milliseconds of each call. `prepare(i)` (untimed) builds the argument, e.g. a random cursor.
 * With `budget`, sampling stops early once `budget.ms` of timed calls have run and at least
 * `budget.minSamples` were taken (slow queries at large N).
 */
export function timings<A>(
  samples: number,
  prepare: (i: number) => A,
  run: (arg: A) => unknown,
  warmup = Math.min(20, samples),
  budget?: Readonly<{ ms: number; minSamples: number }>,
): number[] {
  for (let i = 0; i < warmup; i++) run(prepare(samples + i));
  const ms: number[] = [];
  let spent = 0;
  for (let i = 0; i < samples; i++) {
    if (budget && spent >= budget.ms && i >= budget.minSamples) break;
    const arg = prepare(i);
    const t0 = performance.now();
    run(arg);
    const dt = performance.now() - t0;
    ms.push(dt);
    spent += dt;
  }
  return ms;
}

export function measure<A>(
  samples: number,
  prepare: (i: number) => A,
  run: (arg: A) => unknown,
  warmup = Math.min(20, samples),
): Summary {
  return summarize(timings(samples, prepare, run, warmup));
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms < 10 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(1);
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: ReadonlyArray<string>): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
