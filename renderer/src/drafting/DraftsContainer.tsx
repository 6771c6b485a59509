import { useCallback, useEffect, useState } from 'react';
import type { EraProfile } from '../../../electron/domain/cable';
import type { DraftSummary } from '../../../electron/domain/draft';
import { toApiError, type ApiError, type CableroomClient } from '../shared/api';
import { DraftingDesk } from './DraftingDesk';
import type { WorkspaceChrome } from '../shared/WorkspaceFrame';
import { serviceMessage } from '../shared/errorText';
import { usePush } from '../shared/usePush';

/**
 * Wires the drafting desk to `listDrafts` and `createDraft`: the list is read each time the desk
 * is shown, and a new cable opens in the composer as soon as main has created it.
 */
export function DraftsContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  onOpenDraft(id: number): void;
  onSessionEnded(e: ApiError): void;
}) {
  const { client, onOpenDraft, onSessionEnded } = props;
  const [drafts, setDrafts] = useState<ReadonlyArray<DraftSummary> | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [profile, setProfile] = useState<EraProfile>('FRUS_1960S');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  // Main lets instructors and admins read any draft; this only shows them the way in.
  const mayOpenAny = props.chrome.user.role === 'instructor' || props.chrome.user.role === 'admin';

  const toMessage = useCallback(
    (e: unknown): string | null => {
      const err = toApiError(e);
      if (err.code === 'NOT_SIGNED_IN') {
        onSessionEnded(err);
        return null;
      }
      return serviceMessage(err);
    },
    [onSessionEnded],
  );

  // A draft step elsewhere (submitted to this user, cleared, released) lists again (issue 14).
  const [generation, setGeneration] = useState(0);
  usePush(client, (event) => {
    if (event.kind === 'drafts') setGeneration((g) => g + 1);
  });

  useEffect(() => {
    let live = true;
    client.listDrafts().then(
      (list) => {
        if (live) setDrafts(list);
      },
      (e: unknown) => {
        if (live) setListError(toMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [client, toMessage, generation]);

  const create = () => {
    if (creating) return;
    setCreating(true);
    setCreateError(null);
    client.createDraft({ profile }).then(
      (view) => onOpenDraft(view.id),
      (e: unknown) => {
        setCreating(false);
        setCreateError(toMessage(e));
      },
    );
  };

  return (
    <DraftingDesk
      chrome={props.chrome}
      drafts={drafts}
      listError={listError}
      profile={profile}
      creating={creating}
      createError={createError}
      onProfileChange={setProfile}
      onCreate={create}
      onOpen={(d) => onOpenDraft(d.id)}
      onOpenNumber={mayOpenAny ? onOpenDraft : undefined}
    />
  );
}
