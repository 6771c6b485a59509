import { z } from 'zod';
import type { CableView, InboxPage, SignedInUser, UserSummary } from '../domain/cable';
import type { Result } from './errors';

/**
 * The IPC contract: one table of endpoints, each with its channel name, its input schema and its
 * output type. The router in main parses every input against these schemas; the preload and
 * the test harness both build `window.cableroom` from this table with `buildCableroomApi`.
 *
 * Payloads are plain objects, arrays, primitives and Uint8Array only (ARCHITECTURE.md: both
 * Electron's structured clone and Playwright's serializer carry those unchanged).
 */

type Endpoint<I extends z.ZodType, O> = Readonly<{ channel: string; input: I; _output?: O }>;

function endpoint<O>() {
  return <I extends z.ZodType>(channel: string, input: I): Endpoint<I, O> => ({ channel, input });
}

const login = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'logins are lowercase letters, digits, ".", "_" and "-"');

export const inboxCursorSchema = z
  .object({ deliveredAt: z.string().min(1).max(40), deliveryId: z.number().int().positive() })
  .strict();

export const CONTRACT = {
  listUsers: endpoint<ReadonlyArray<UserSummary>>()('session:list-users', z.object({}).strict()),
  signIn: endpoint<SignedInUser>()(
    'session:sign-in',
    z.object({ login, passphrase: z.string().min(1).max(1024) }).strict(),
  ),
  signOut: endpoint<null>()('session:sign-out', z.object({}).strict()),
  currentUser: endpoint<SignedInUser | null>()('session:current', z.object({}).strict()),
  listInbox: endpoint<InboxPage>()(
    'inbox:list',
    z
      .object({
        cursor: inboxCursorSchema.nullish(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  showCable: endpoint<CableView>()('cable:show', z.object({ cableId: z.number().int().positive() }).strict()),
} as const;

export type Contract = typeof CONTRACT;
export type EndpointName = keyof Contract;
export type InputOf<K extends EndpointName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends EndpointName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends EndpointName> = Contract[K] extends Endpoint<z.ZodType, infer O> ? O : never;

/** The intent-level API exposed to the renderer as `window.cableroom`. */
export type CableroomApi = {
  readonly [K in EndpointName]: (input?: InputOf<K>) => Promise<Result<OutputOf<K>>>;
};

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export const ENDPOINT_NAMES = Object.keys(CONTRACT) as EndpointName[];

/**
 * Builds `window.cableroom` from the contract over an `invoke` transport
 * (`ipcRenderer.invoke` in the preload, a Playwright binding in the e2e harness).
 * Only intent functions are exposed: never the transport itself (STYLE.md §5).
 */
export function buildCableroomApi(invoke: Invoke): CableroomApi {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const name of ENDPOINT_NAMES) {
    const { channel } = CONTRACT[name];
    api[name] = (input?: unknown) => invoke(channel, input ?? {});
  }
  return Object.freeze(api) as unknown as CableroomApi;
}
