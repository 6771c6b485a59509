import type { Db } from './store/database';

/**
 * Change events of one database (issue 14 item 1): what happened, never to whom it may be shown.
 * They carry ids only — no subject, no text, no marking — and are hints: whoever turns them into
 * a push (the IPC router) decides per signed-in user what that user may be told, by reading the
 * database again through the same access rules as the inbox (DOMAIN.md rule 18).
 */
export type CoreEvent = Readonly<
  | {
      /** New deliveries of these cables (a release, an import, a bundle, a pass or a repeat). */
      type: 'delivered';
      cableIds: ReadonlyArray<number>;
      /** Only these stations received something (a pass or a repeat); absent: every delivery of the cables is new. */
      stationIds?: ReadonlyArray<number>;
    }
  | { type: 'acknowledged'; cableId: number; deliveryId: number; stationId: number }
  /** A user opened or filed a cable: that user's read state changed. */
  | { type: 'read'; userId: number; cableId: number }
  /** A draft changed state, content or signatures: who it waits for may have changed. */
  | { type: 'draft'; draftId: number }
  /** A FRUS import job started by this user has finished. */
  | { type: 'importDone'; userId: number; jobId: number }
  /** The exercise changed: started, a clock transition, an inject fired or skipped, ended (issue 10). */
  | { type: 'exercise'; exerciseId: number }
>;

export type CoreEventListener = (events: ReadonlyArray<CoreEvent>) => void;

export type EventBus = Readonly<{
  /**
   * Queues an event. Listeners get the queue on a later turn of the event loop, after the
   * synchronous transaction that emitted it has committed or rolled back: they read the
   * database as it then is, so an event from a rolled-back write finds nothing new.
   */
  emit(event: CoreEvent): void;
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: CoreEventListener): () => void;
}>;

/** Events per flush are bounded so a whole FRUS volume is announced in slices, not one giant batch. */
const MAX_EVENTS_PER_BATCH = 512;

export function createEventBus(onListenerError: (error: unknown) => void = (e) => console.error(e)): EventBus {
  const listeners = new Set<CoreEventListener>();
  let queue: CoreEvent[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    const batch = queue.splice(0, MAX_EVENTS_PER_BATCH);
    if (queue.length > 0) schedule();
    for (const listener of [...listeners]) {
      try {
        listener(batch);
      } catch (e) {
        onListenerError(e);
      }
    }
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    emit(event) {
      // Nobody listens (the CLI, most tests): nothing to queue.
      if (listeners.size === 0) return;
      queue.push(event);
      schedule();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) queue = [];
      };
    },
  };
}

/**
 * The bus of a database connection. Services and the store reach it through the connection
 * they already hold, so emitting a change is one line where it happens and no constructor
 * changes (ARCHITECTURE.md "Push").
 */
const buses = new WeakMap<Db, EventBus>();

export function eventBusOf(db: Db): EventBus {
  let bus = buses.get(db);
  if (!bus) {
    bus = createEventBus();
    buses.set(db, bus);
  }
  return bus;
}

/** Emits on the database's bus: the one-liner the services call. */
export function emitChange(db: Db, event: CoreEvent): void {
  eventBusOf(db).emit(event);
}
