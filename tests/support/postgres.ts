import { afterAll, beforeAll, describe } from 'vitest';
import { postgresBinDir, startCluster, type PgCluster } from '../../bench/classroom/pgCluster';

export {
  postgresBinDir,
  startCluster,
  SUPERUSER,
  SUPERUSER_PASSWORD,
  type PgCluster,
} from '../../bench/classroom/pgCluster';

/*
 * A throw-away PostgreSQL cluster per test file (issue 11, "Tests that must exist"): started
 * before the file's tests, stopped and removed after them (bench/classroom/pgCluster.ts). When
 * the server binaries cannot be found, `describePostgres` skips its tests and says why;
 * `.ci/run` installs `postgresql` first, so on CI they run.
 */

/**
 * `describe` over one cluster for the whole file: `describePostgres('…', (pg) => { test(…, () =>
 * pg().url()) })`. Skips, saying why, only when the server binaries cannot be found.
 */
export function describePostgres(name: string, body: (cluster: () => PgCluster) => void): void {
  const bin = postgresBinDir();
  if (!bin) {
    describe.skip(`${name} — SKIPPED: PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql (.ci/run does)`, () => {
      body(() => {
        throw new Error('no PostgreSQL');
      });
    });
    return;
  }
  describe(name, () => {
    let cluster: PgCluster | null = null;
    beforeAll(async () => {
      cluster = await startCluster();
    }, 120_000);
    afterAll(() => {
      cluster?.stop();
    });
    body(() => {
      if (!cluster) throw new Error('the PostgreSQL cluster did not start');
      return cluster;
    });
  });
}
