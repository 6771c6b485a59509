import { useCallback } from 'react';
import type { ClassroomView } from '../../../electron/contract/classroom';
import type { CableroomClient } from '../common/api';
import { useLiveQuery } from '../common/useLiveQuery';

export type ClassroomState = Readonly<{ view: ClassroomView | null; refresh(): void }>;

/**
 * This machine's classroom connection (issue 11), kept fresh: asked at sign-in, on every
 * `classroom` push (online, offline, queued) and on arrivals (a received cable moves the
 * counts), with a slow poll for what no push reports.
 */
export function useClassroom(client: CableroomClient): ClassroomState {
  const load = useCallback((): Promise<ClassroomView | null> => client.classroomStatus(), [client]);
  const { value, refresh } = useLiveQuery(client, load, null, {
    refreshOn: (event) => event.kind === 'classroom' || event.kind === 'inbox',
    pollMs: 30_000,
  });
  return { view: value, refresh };
}
