import { useState } from 'react';
import type { EraProfile } from '../../../electron/domain/cable';
import type { CableroomClient } from '../common/api';
import { DraftingDesk } from './DraftingDesk';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { serviceMessage } from '../common/errorText';
import { failureOf, progressOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';
import { usePush } from '../common/usePush';

/**
 * Wires the drafting desk to `listDrafts` and `createDraft`: the list is read each time the desk
 * is shown, and a new cable opens in the composer as soon as main has created it.
 */
export function DraftsContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  onOpenDraft(id: number): void;
}) {
  const { client, onOpenDraft } = props;
  const failure = useFailure();
  const drafts = useLoad(() => client.listDrafts(), [client]);
  const [profile, setProfile] = useState<EraProfile>('FRUS_1960S');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  // Main lets instructors and admins read any draft; this only shows them the way in.
  const mayOpenAny = props.chrome.user.role === 'instructor' || props.chrome.user.role === 'admin';

  // A draft step elsewhere (submitted to this user, cleared, released) lists again (issue 14).
  usePush(client, (event) => {
    if (event.kind === 'drafts') drafts.reload();
  });

  const create = () => {
    if (creating) return;
    setCreating(true);
    setCreateError(null);
    client.createDraft({ profile }).then(
      (view) => onOpenDraft(view.id),
      (e: unknown) => {
        setCreating(false);
        const err = failure(e);
        if (err) setCreateError(serviceMessage(err));
      },
    );
  };

  const listFailure = failureOf(drafts);
  return (
    <DraftingDesk
      chrome={props.chrome}
      drafts={drafts.value}
      listError={listFailure && serviceMessage(listFailure)}
      listProgress={progressOf(drafts)}
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
