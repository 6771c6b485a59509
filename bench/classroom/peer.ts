import { openCore, type Core } from '../../electron/core/app';
import { createClassroomClient, type ClassroomClient } from '../../electron/core/classroom/client';
import { exchangeCableOf } from '../../electron/core/classroom/document';
import { joinClassroom } from '../../electron/core/classroom/setup';
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { openSecretKey } from '../../electron/core/crypto/keys';
import { currentKey } from '../../electron/core/crypto/keyStore';
import { setScryptCostForTests } from '../../electron/core/crypto/scrypt';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import {
  insertCableSignatures,
  releasedCableInput,
  type StoredSignature,
} from '../../electron/core/signing/signedCable';
import { signatureHeader } from '../../electron/core/signing/verifyChain';
import { insertCable } from '../../electron/core/store/cableWriter';
import { personByKey } from '../../electron/core/store/directoryRepository';
import { clearanceName, encodeContent, signedMessage, type ReleaseHeader } from '../../electron/domain/canonical';
import type { Draft } from '../../electron/domain/draft';
import { formatDtg } from '../../electron/domain/dtg';

/**
 * One machine of the classroom load test (issue 11, "Performance"): a separate process with its
 * own SQLite file and its own classroom client, driven by the load test over the IPC channel.
 *
 * A sender releases cables the way a release writes them — the draft signed by its drafter,
 * clearer and approver with their real keys, written by the cable writer with its chain — but
 * without the drafting desk's steps in between (three passphrase derivations per cable would
 * measure scrypt, not the exchange). The client then does what it does in the app.
 */
export type PeerConfig = Readonly<{
  dbPath: string;
  login: string;
  url: string;
  password: string;
  /** The account's passphrase: join signs in with it and seals the password with it. */
  passphrase: string;
  pollMs: number;
}>;

export type ToPeer =
  | Readonly<{ type: 'release'; drafts: ReadonlyArray<Draft>; refs: ReadonlyArray<string>; ratePerSecond: number }>
  | Readonly<{ type: 'report' }>
  | Readonly<{ type: 'stop' }>;

export type FromPeer =
  | Readonly<{ type: 'ready'; login: string }>
  | Readonly<{ type: 'released'; ref: string; at: number }>
  | Readonly<{ type: 'applied'; ref: string; outcome: string; at: number }>
  | Readonly<{ type: 'releasedAll' }>
  | Readonly<{
      type: 'report';
      login: string;
      cables: ReadonlyArray<readonly [string, string]>;
      imports: number;
      doubled: number;
      refused: number;
      queued: number;
    }>
  | Readonly<{ type: 'error'; message: string }>;

const send = (m: FromPeer): void => {
  // The load test may be gone (interrupted): then there is nobody to tell.
  if (process.connected) process.send?.(m);
};
process.on('disconnect', () => process.exit(0));

/** Signs and writes one released cable (the chain of seed/seedSigning.ts, with keys opened once). */
function writeSigned(
  core: Core,
  draft: Draft,
  release: ReleaseHeader,
  secrets: ReadonlyMap<string, { fp: string; secret: KeyObject }>,
): void {
  const steps = [
    { role: 'DRAFTER' as const, signer: draft.drafters[0]!, clearance: null },
    ...draft.clearers
      .filter((c) => c.kind !== 'INFO')
      .map((c) => ({
        role: 'CLEARER' as const,
        signer: c.person!,
        clearance: { for: clearanceName(c), kind: c.kind },
      })),
    { role: 'APPROVER' as const, signer: draft.approver!, clearance: null },
  ];
  const content = encodeContent(draft);
  const signedAt = new Date().toISOString();
  const signatures: StoredSignature[] = steps.map((step) => {
    const key = secrets.get(step.signer);
    if (!key) throw new Error(`no key for ${step.signer}`);
    const unsigned = { ...step, key: key.fp };
    return {
      ...unsigned,
      signedAt,
      signature: new Uint8Array(sign(null, signedMessage(signatureHeader(unsigned, release), content), key.secret)),
    };
  });
  core.db.transaction(() => {
    const id = insertCable(core.db, releasedCableInput(draft, release));
    insertCableSignatures(core.db, id, signatures);
  })();
}

function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.CABLEROOM_PEER ?? '{}') as PeerConfig;
  // Keys and the sealed classroom password are derived at the tests' cost: 30 processes at
  // 128 MiB each would measure the machine's memory, not the exchange.
  setScryptCostForTests(1 << 12);
  const core = openCore({ dbPath: config.dbPath, mustExist: true });
  await joinClassroom(core.db, core.audit, core.users, {
    url: config.url,
    login: config.login,
    pgPassword: config.password,
    passphrase: config.passphrase,
  });
  const client: ClassroomClient = createClassroomClient(core.db, core.audit, {
    pollMs: config.pollMs,
    onApplied: (n) => send({ type: 'applied', ref: n.ref, outcome: n.outcome, at: Date.now() }),
  });
  await new Promise<void>((resolveOnline, reject) => {
    const off = client.onStatus((s) => {
      if (s.state === 'online') {
        off();
        resolveOnline();
      }
    });
    client.startWithPassphrase(config.passphrase).catch(reject);
  });
  send({ type: 'ready', login: config.login });

  process.on('message', (raw) => {
    const m = raw as ToPeer;
    void (async () => {
      if (m.type === 'release') {
        const secrets = new Map<string, { fp: string; secret: KeyObject }>();
        for (const signer of new Set(
          m.drafts.flatMap((d) => [...d.drafters, ...d.clearers.map((c) => c.person!), d.approver!]),
        )) {
          const person = personByKey(core.db, signer);
          const key = person ? currentKey(core.db, person.id) : null;
          if (!key?.sealed) throw new Error(`${signer} has no signing key here`);
          const secret = await openSecretKey(key.sealed, SEED_PASSPHRASE);
          // OpenSSL's Ed25519 (the same signatures as tweetnacl's, from the same 32-byte seed):
          // the generator must not be slower than the exchange it loads.
          secrets.set(signer, { fp: key.fingerprint, secret: ed25519PrivateKey(secret.subarray(0, 32)) });
          secret.fill(0);
        }
        const started = Date.now();
        for (let i = 0; i < m.drafts.length; i++) {
          // Pace the releases at the requested rate (a load generator, not a test wait).
          const due = started + (i * 1000) / m.ratePerSecond;
          await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
          const draft = m.drafts[i]!;
          const number = Number(m.refs[i]!.split(' ')[1]);
          writeSigned(
            core,
            draft,
            { ref: m.refs[i]!, dtg: formatDtg(new Date()), mrn: null, series: { indicator: 'POLTO', number } },
            secrets,
          );
          send({ type: 'released', ref: m.refs[i]!, at: Date.now() });
        }
        send({ type: 'releasedAll' });
      } else if (m.type === 'report') {
        await client.syncNow();
        const rows = core.db
          .prepare(
            "SELECT id, ref FROM cables WHERE ref LIKE 'POLTO %' AND EXISTS (SELECT 1 FROM cable_signatures s WHERE s.cable_id = cables.id)",
          )
          .all() as { id: number; ref: string }[];
        const cables = rows.map((r) => [r.ref, exchangeCableOf(core.db, r.id)?.hash ?? ''] as const);
        const imports = core.db
          .prepare("SELECT count(*) FROM audit_log WHERE action = 'IMPORT'")
          .pluck()
          .get() as number;
        const doubled = core.db
          .prepare(
            "SELECT count(*) FROM (SELECT cable_id FROM audit_log WHERE action = 'IMPORT' GROUP BY cable_id HAVING count(*) > 1)",
          )
          .pluck()
          .get() as number;
        const s = client.status();
        send({ type: 'report', login: config.login, cables, imports, doubled, refused: s.refused, queued: s.queued });
      } else {
        await client.stop();
        core.close();
        process.exit(0);
      }
    })().catch((e: unknown) => send({ type: 'error', message: (e as Error).stack ?? String(e) }));
  });
}

main().catch((e: unknown) => {
  send({ type: 'error', message: (e as Error).stack ?? String(e) });
  process.exit(1);
});
