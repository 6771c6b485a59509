import type { Draft, DraftView } from '../../../electron/domain/draft';
import { toApiError, type ApiError } from '../common/api';
import { serviceMessage } from '../common/errorText';
import { unsendable } from './draftEdits';

/** The pause after the last keystroke before a draft is saved. */
export const AUTOSAVE_DELAY_MS = 800;

export type SaveState =
  | Readonly<{ kind: 'idle' }>
  /** Edited; sent when the typing pauses. */
  | Readonly<{ kind: 'waiting' }>
  | Readonly<{ kind: 'saving' }>
  | Readonly<{ kind: 'saved'; at: Date }>
  /** Not sent: the contract would refuse it as it stands (unsendable). */
  | Readonly<{ kind: 'held'; reason: string }>
  | Readonly<{ kind: 'failed'; message: string }>
  /** Someone saved this draft elsewhere (CONFLICT): it was reloaded. */
  | Readonly<{ kind: 'reloaded'; message: string }>;

export type AutosaveSnapshot = Readonly<{
  /** The draft as main last returned it: state, revision, chain, the rule checker's findings. */
  view: DraftView;
  /** What the composer shows: the view's draft plus edits not saved yet. */
  draft: Draft;
  /** There are edits main has not stored yet. */
  dirty: boolean;
  save: SaveState;
}>;

export type AutosaveDeps = Readonly<{
  save(id: number, revision: number, draft: Draft): Promise<DraftView>;
  reload(id: number): Promise<DraftView>;
  onSessionEnded(e: ApiError): void;
  delayMs?: number;
}>;

/**
 * Autosave of one draft, kept outside React so that the last edit still goes out when the
 * composer unmounts (another screen, sign-out, the window closing). Every save carries the
 * revision the editor started from; main answers CONFLICT to a stale one, and then the draft is
 * reloaded and the person told. Only one save is in flight at a time: edits made meanwhile are
 * sent after it, against the revision it returned, so a draft never conflicts with itself.
 */
export class DraftAutosave {
  private view: DraftView;
  private draft: Draft;
  private dirty = false;
  private save: SaveState = { kind: 'idle' };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<boolean> | null = null;
  /** The timer fired while a save was in flight: send again when it is back. */
  private again = false;
  private disposed = false;
  private sessionEnded = false;
  private snapshot: AutosaveSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly delayMs: number;

  constructor(
    view: DraftView,
    private readonly deps: AutosaveDeps,
  ) {
    this.view = view;
    this.draft = view.draft;
    this.delayMs = deps.delayMs ?? AUTOSAVE_DELAY_MS;
    this.snapshot = this.makeSnapshot();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): AutosaveSnapshot => this.snapshot;

  /** A local edit: shown at once, saved when the typing pauses. */
  readonly edit = (draft: Draft): void => {
    if (this.disposed || !this.view.canEdit) return;
    this.draft = draft;
    this.dirty = true;
    const reason = unsendable(draft);
    this.save = reason !== null ? { kind: 'held', reason } : { kind: 'waiting' };
    this.schedule();
    this.publish();
  };

  /** A view main returned for an action (sign, clear, release …). Unsaved edits stay on top of it. */
  readonly adopt = (view: DraftView): void => {
    this.view = view;
    if (!this.dirty) this.draft = view.draft;
    this.publish();
  };

  /** Saves whatever is not saved yet, now. True when main holds everything the composer shows. */
  readonly flush = async (): Promise<boolean> => {
    this.clearTimer();
    for (let round = 0; round < 4; round++) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (!this.dirty) return true;
      if (!(await this.send())) return false;
    }
    return !this.dirty;
  };

  /** The composer goes away: what is left is sent without waiting, and nothing is published any more. */
  readonly dispose = (): void => {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    void this.flush();
  };

  private schedule(): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.inFlight) this.again = true;
      else void this.send();
    }, this.delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private send(): Promise<boolean> {
    if (this.sessionEnded) return Promise.resolve(false);
    const reason = unsendable(this.draft);
    if (reason !== null) {
      this.save = { kind: 'held', reason };
      this.publish();
      return Promise.resolve(false);
    }
    const sent = this.draft;
    this.save = { kind: 'saving' };
    this.publish();
    const request = this.deps
      .save(this.view.id, this.view.revision, sent)
      .then(
        (view): boolean => {
          this.view = view;
          if (this.draft === sent) {
            this.dirty = false;
            this.save = { kind: 'saved', at: new Date() };
          } else {
            this.save = { kind: 'waiting' };
          }
          return true;
        },
        (e: unknown) => this.failed(toApiError(e)),
      )
      .finally(() => {
        this.inFlight = null;
        if (this.again) {
          this.again = false;
          if (this.dirty && !this.disposed) this.schedule();
        }
        this.publish();
      });
    this.inFlight = request;
    return request;
  }

  private async failed(err: ApiError): Promise<boolean> {
    if (err.code === 'NOT_SIGNED_IN') {
      this.sessionEnded = true;
      this.save = { kind: 'failed', message: serviceMessage(err) };
      this.deps.onSessionEnded(err);
      return false;
    }
    if (err.code !== 'CONFLICT') {
      this.save = { kind: 'failed', message: `Not saved: ${serviceMessage(err)}` };
      return false;
    }
    try {
      const fresh = await this.deps.reload(this.view.id);
      this.view = fresh;
      this.draft = fresh.draft;
      this.dirty = false;
      this.save = {
        kind: 'reloaded',
        message: `This draft was changed elsewhere (it is now at revision ${fresh.revision}) and has been reloaded as saved there; your last changes here were not saved.`,
      };
    } catch (e) {
      this.save = { kind: 'failed', message: `Not saved: ${serviceMessage(toApiError(e))}` };
    }
    return false;
  }

  private makeSnapshot(): AutosaveSnapshot {
    return { view: this.view, draft: this.draft, dirty: this.dirty, save: this.save };
  }

  private publish(): void {
    if (this.disposed) return;
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}
