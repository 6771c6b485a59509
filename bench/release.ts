/**
 * Release to a large collective (issue: routing and distribution): a cable addressed to a
 * collective of 300 stations, each with 20 users, is written with its 300 deliveries by the real
 * `insertCable` (the transmission step of release). Figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../electron/core/app';
import { cableInputSchema } from '../electron/core/cables/cableInput';
import { insertCable } from '../electron/core/store/cableWriter';
import { insertCollective, insertPerson, insertStation, insertUser } from '../electron/core/store/directoryRepository';
import { hashPassphraseSync } from '../electron/core/users/passphrase';
import { fmtInt, fmtMs, summarize, table, timings } from './stats';

const STATIONS = 300;
const USERS_PER_STATION = 20;
const RELEASES = 30;

export function measureRelease(seedDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cableroom-release-'));
  const core = openCore({ dbPath: join(dir, 'release.sqlite'), seed: true, seedDir });
  try {
    const { db } = core;
    // One scrypt hash reused for every synthetic user: the bench measures release, not hashing.
    const secret = hashPassphraseSync('bench passphrase');
    const memberIds = db.transaction(() => {
      const ids: number[] = [];
      for (let s = 0; s < STATIONS; s++) {
        const stationId = insertStation(db, {
          plad: `AMCONSUL BENCH ${s}`,
          name: `Bench post ${s}`,
          shortName: `Bench ${s}`,
          kind: 'CONSULATE',
        });
        ids.push(stationId);
        for (let u = 0; u < USERS_PER_STATION; u++) {
          const key = `bench-${s}-${u}`;
          const personId = insertPerson(db, {
            key,
            surname: key,
            fullName: key,
            citedAs: key,
            stationId,
            officeId: null,
            principal: u === 0,
            persona: true,
          });
          insertUser(db, {
            login: key,
            personId,
            role: 'officer',
            clearance: 'SECRET',
            foreignNational: false,
            ...secret,
            createdAt: new Date().toISOString(),
          });
        }
      }
      insertCollective(db, 'BENCH 300 POSTS', 'Synthetic collective for the release benchmark', ids);
      return ids;
    })();
    const ms = timings(
      RELEASES,
      (i) =>
        cableInputSchema.parse({
          ref: `BENCH RELEASE ${i}`,
          profile: 'MODERN',
          dtg: `01${String(i % 24).padStart(2, '0')}${String(i % 60).padStart(2, '0')}Z NOV 2026`,
          originator: { plad: 'SECSTATE WASHDC' },
          classification: 'CONFIDENTIAL',
          captions: [],
          subject: `Release benchmark ${i}`,
          transmission: { addressees: [{ collective: 'BENCH 300 POSTS', role: 'ACTION', precedence: 'IMMEDIATE' }] },
          paragraphs: [{ n: null, portion: 'C', text: 'Release to every post of the collective.' }],
        }),
      (cable) => insertCable(db, cable),
      3,
    );
    const deliveries = db
      .prepare("SELECT count(*) FROM deliveries d JOIN cables c ON c.id = d.cable_id WHERE c.ref = 'BENCH RELEASE 0'")
      .pluck()
      .get() as number;
    const s = summarize(ms);
    return [
      `Release to a collective of ${fmtInt(memberIds.length)} stations with ${USERS_PER_STATION} users each (${fmtInt(memberIds.length * USERS_PER_STATION)} users)`,
      table(
        ['operation', 'samples', 'median', 'p95', 'max', 'deliveries'],
        [
          [
            'insertCable (one transaction)',
            String(s.samples),
            fmtMs(s.median),
            fmtMs(s.p95),
            fmtMs(s.max),
            fmtInt(deliveries),
          ],
        ],
      ),
      '  target: well under 1 s per release (a figure, not a check)',
    ].join('\n');
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
