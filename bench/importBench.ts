/**
 * Import benchmarks (issue 6), side by side in one run:
 *   - bulk insert of N synthetic cables with the full-text index kept up to date (the real path:
 *     `insertCable` writes the cable's row into the contentless FTS5 table in the same
 *     transaction) against bare inserts of the same rows into the same schema (search index
 *     skipped); target: indexed ≥ 0.5 × bare throughput;
 *   - memory while importing a 10 MB FRUS volume from disk (the importer streams it: one
 *     document in memory at a time).
 * Figures only, never pass/fail.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openCore } from '../electron/core/app';
import type { CableInput } from '../electron/core/cables/cableInput';
import { importFrus } from '../electron/core/import/frus';
import { insertCable } from '../electron/core/store/cableWriter';
import { fmtBytes, fmtInt, table } from './stats';
import { dtgClock, syntheticCable } from './synthetic';

const BATCH = 1_000;

/** A full garbage collection, so that "before" is not inflated by the generator's garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

function insertRate(seedDir: string, n: number, searchIndex: boolean, progress: (m: string) => void): number {
  const dir = mkdtempSync(join(tmpdir(), 'cableroom-import-'));
  const core = openCore({ dbPath: join(dir, 'import.sqlite'), seed: true, seedDir });
  try {
    const { db } = core;
    const clock = dtgClock(n);
    const now = new Date();
    const write = db.transaction((cables: ReadonlyArray<CableInput>) => {
      for (const c of cables) insertCable(db, c, now, { searchIndex });
    });
    let seconds = 0;
    for (let start = 0; start < n; start += BATCH) {
      const cables = Array.from({ length: Math.min(BATCH, n - start) }, (_, k) =>
        syntheticCable(start + k, clock(start + k)),
      );
      const t0 = performance.now();
      write(cables);
      seconds += (performance.now() - t0) / 1000;
      if ((start / BATCH) % 20 === 0)
        progress(`  ${searchIndex ? 'indexed' : 'bare'}: ${fmtInt(start + cables.length)} cables`);
    }
    return n / seconds;
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A TEI volume of about `bytes` made of the corpus documents, repeated under new document numbers. */
function syntheticVolume(corpusDir: string, bytes: number): string {
  const docs = readdirSync(corpusDir)
    .filter((f) => /^d\d+\.xml$/.test(f))
    .map(
      (f) =>
        /<div\b[^>]*type="document"[\s\S]*<\/div>(?=\s*<\/body>)/.exec(readFileSync(join(corpusDir, f), 'utf8'))?.[0],
    )
    .filter((d): d is string => d !== undefined);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const doc = docs[i % docs.length]!.replace(/\bn="\d+"/, `n="${1000 + i}"`).replace(
      /xml:id="d\d+"/,
      `xml:id="d${1000 + i}"`,
    );
    parts.push(doc);
    size += doc.length;
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0">',
    '<teiHeader><fileDesc><sourceDesc><bibl type="frus-volume-id">frus1961-63v11</bibl></sourceDesc></fileDesc></teiHeader>',
    '<text><body><div type="chapter" xml:id="ch1"><head>Synthetic volume</head>',
    parts.join('\n'),
    '</div></body></text></TEI>',
  ].join('\n');
}

async function volumeMemory(seedDir: string, corpusDir: string, megabytes: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cableroom-volume-'));
  const core = openCore({ dbPath: join(dir, 'volume.sqlite'), seed: true, seedDir });
  try {
    const path = join(dir, 'volume.xml');
    writeFileSync(path, syntheticVolume(corpusDir, megabytes * 1024 * 1024));
    const size = statSync(path).size;
    collectGarbage();
    const base = process.memoryUsage();
    let peakHeap = base.heapUsed;
    let docs = 0;
    const t0 = performance.now();
    const result = await importFrus(
      core.db,
      { path },
      {
        onProgress: () => {
          docs += 1;
          const m = process.memoryUsage();
          peakHeap = Math.max(peakHeap, m.heapUsed);
        },
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    return [
      `  ${fmtBytes(size)}`,
      fmtInt(docs),
      seconds.toFixed(1),
      `${fmtInt(result.imported.length)} / ${fmtInt(result.skipped.length)}`,
      fmtBytes(base.heapUsed),
      `+${fmtBytes(peakHeap - base.heapUsed)}`,
    ];
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureImport(
  seedDir: string,
  corpusDir: string | null,
  n: number,
  progress: (m: string) => void,
): Promise<string> {
  progress(`bulk insert of ${fmtInt(n)} cables: bare, then with the search index`);
  const bare = insertRate(seedDir, n, false, progress);
  const indexed = insertRate(seedDir, n, true, progress);
  const out = [
    `Bulk import with search indexing: ${fmtInt(n)} synthetic cables, same rows, same schema`,
    table(
      ['  insert', 'cables/s', 'vs bare'],
      [
        ['  bare (search index skipped)', fmtInt(Math.round(bare)), '1.00'],
        ['  with the FTS5 index (the real path)', fmtInt(Math.round(indexed)), (indexed / bare).toFixed(2)],
      ],
    ),
    '  target: indexed ≥ 0.5 × bare (a figure, not a check)',
  ];
  if (corpusDir) {
    progress('importing FRUS volumes of 2 and 10 MB');
    const rows = [await volumeMemory(seedDir, corpusDir, 2), await volumeMemory(seedDir, corpusDir, 10)];
    out.push(
      '',
      'FRUS volume import, streamed from disk (copies of the corpus documents; their references repeat, so most are skipped after mapping)',
      table(['  volume', 'documents', 'seconds', 'imported / skipped', 'heap before', 'heap peak'], rows),
      '  target: memory bounded — the peak does not grow with the file (a figure, not a check)',
    );
  } else {
    out.push('', '  FRUS volume: skipped (no corpus directory; pass --corpus DIR)');
  }
  return out.join('\n');
}
