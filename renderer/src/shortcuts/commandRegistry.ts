import type { CommandId } from './keymap';

/**
 * A command's handler: false says "not now" (nothing to acknowledge, the list is empty), and the
 * key then goes on as if unbound; anything else means it was carried out.
 */
export type CommandHandler = () => boolean | void;

/**
 * The handlers the mounted screens have registered, one stack per command: the most recently
 * mounted wins (the screen in front), and unmounting uncovers the one before. Pure, so the
 * scoping is unit-tested without a DOM.
 */
export class CommandRegistry {
  private readonly stacks = new Map<CommandId, Array<Readonly<{ token: symbol; run: CommandHandler }>>>();

  /** Registers a handler; the returned function removes exactly this registration. */
  register(command: CommandId, run: CommandHandler): () => void {
    const token = Symbol(command);
    const stack = this.stacks.get(command) ?? [];
    stack.push({ token, run });
    this.stacks.set(command, stack);
    return () => {
      const current = this.stacks.get(command);
      if (!current) return;
      const i = current.findIndex((e) => e.token === token);
      if (i >= 0) current.splice(i, 1);
      if (current.length === 0) this.stacks.delete(command);
    };
  }

  isAvailable(command: CommandId): boolean {
    return (this.stacks.get(command)?.length ?? 0) > 0;
  }

  /** The commands that have a handler now (for the sheet). */
  available(): ReadonlySet<CommandId> {
    return new Set(this.stacks.keys());
  }

  /** Runs the newest handler; true when one ran and did not decline. */
  run(command: CommandId): boolean {
    const stack = this.stacks.get(command);
    const top = stack?.[stack.length - 1];
    if (!top) return false;
    return top.run() !== false;
  }
}
