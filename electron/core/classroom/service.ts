import type { ClassroomView } from '../../contract/classroom';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Actor } from '../services/actor';
import type { UsersService } from '../services/users';
import type { Db } from '../store/database';
import { createClassroomClient, type ClassroomClient, type ClassroomClientOptions } from './client';
import { readConfig } from './localStore';
import { joinClassroom } from './setup';

/**
 * The classroom in the app (issue 11 items 3–4): one client per database, started when the
 * joined account signs in (its passphrase opens the sealed password) or joins from the settings
 * screen, and stopped when the database closes. Cables it applies go through the cable writer,
 * whose change events the router already turns into pushes: a release on another machine
 * reaches the inbox — and a FLASH or NIACT its alert — without a reload.
 */
export type ClassroomService = Readonly<{
  view(actor: Actor): ClassroomView;
  /** Joins this machine as the signed-in account and connects (the passphrase seals the password). */
  join(actor: Actor, request: Readonly<{ url: string; password: string; passphrase: string }>): Promise<ClassroomView>;
  /** Connects after a restart: the joined account's passphrase opens the sealed password. */
  connect(actor: Actor, passphrase: string): Promise<ClassroomView>;
  /** Called at every sign-in: connects when the joined account signs in; never fails the sign-in. */
  signedIn(actor: Actor, passphrase: string): void;
  /** Called on every status change (the router pushes `classroom`). */
  onChange(listener: () => void): () => void;
  stop(): Promise<void>;
}>;

const services = new WeakMap<Db, ClassroomService>();

/** The classroom of a database connection, made on first use (as its event bus is). */
export function classroomOf(
  db: Db,
  audit: AuditTrail,
  users: UsersService,
  options?: ClassroomClientOptions,
): ClassroomService {
  let s = services.get(db);
  if (!s) {
    s = createClassroomService(db, audit, users, options);
    services.set(db, s);
  }
  return s;
}

export function createClassroomService(
  db: Db,
  audit: AuditTrail,
  users: UsersService,
  options: ClassroomClientOptions = {},
): ClassroomService {
  let client: ClassroomClient | null = null;
  const listeners = new Set<() => void>();
  const clientOf = (): ClassroomClient => {
    if (!client) {
      client = createClassroomClient(db, audit, options);
      client.onStatus(() => {
        for (const l of [...listeners]) l();
      });
    }
    return client;
  };

  const view = (actor: Actor): ClassroomView => {
    const s = clientOf().status();
    const joinedAs = readConfig(db)?.login ?? null;
    return {
      joined: s.joined,
      server: s.server,
      login: s.login,
      state: s.state,
      queued: s.queued,
      cursor: s.cursor,
      applied: s.applied,
      refused: s.refused,
      lastError: s.lastError,
      lastSyncAt: s.lastSyncAt,
      // Only the joined account opens the sealed password; anyone signed in may join this machine anew.
      canConnect: joinedAs === actor.login && (s.state === 'stopped' || s.state === 'not-joined'),
    };
  };

  return {
    view,
    async join(actor, request) {
      await clientOf().stop();
      await joinClassroom(db, audit, users, {
        url: request.url,
        login: actor.login,
        pgPassword: request.password,
        passphrase: request.passphrase,
      });
      // With the passphrase, so that an instructor's machine opens its key and releases injects signed.
      await clientOf().startWithPassphrase(request.passphrase);
      return view(actor);
    },
    async connect(actor, passphrase) {
      const config = readConfig(db);
      if (!config) throw new CableroomError('NOT_FOUND', 'This machine has not joined a classroom.');
      if (config.login !== actor.login)
        throw new CableroomError(
          'ACCESS_DENIED',
          `This machine joined the classroom as ${config.login}: they connect it.`,
        );
      // The passphrase is checked (throttled, audited) before it opens anything.
      await users.signIn(actor.login, passphrase, 'classroom');
      await clientOf().startWithPassphrase(passphrase);
      return view(actor);
    },
    signedIn(actor, passphrase) {
      const config = readConfig(db);
      if (!config || config.login !== actor.login) return;
      clientOf()
        .startWithPassphrase(passphrase)
        .catch(() => undefined);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      await client?.stop();
    },
  };
}
