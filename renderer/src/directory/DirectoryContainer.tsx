import { useState } from 'react';
import type { DirectoryView } from '../../../electron/domain/cable';
import type { CableroomClient } from '../common/api';
import { DirectoryScreen, type DirectoryMode } from './DirectoryScreen';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import {
  collectiveDraftOf,
  collectiveRequest,
  EMPTY_STATION,
  emptyOffice,
  newCollective,
  officeRequest,
  stationRequest,
} from './directoryForms';
import { serviceMessage } from '../common/errorText';
import { failureOf, progressOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';

/**
 * Wires the directory editor to `readDirectory`, `addStation`, `addOffice` and `setCollective`.
 * Each edit returns the whole directory as main now holds it, which replaces what is shown.
 * Main decides who may edit (instructors and admins) and its refusal is shown word for word.
 */
export function DirectoryContainer(props: { client: CableroomClient; chrome: WorkspaceChrome }) {
  const { client } = props;
  const failure = useFailure();
  const loaded = useLoad(() => client.readDirectory(), [client]);
  const directory = loaded.value;
  const [mode, setMode] = useState<DirectoryMode>({ kind: 'list' });
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const start = (next: DirectoryMode) => {
    setMode(next);
    setFormError(null);
    setNotice(null);
  };

  const save = (request: () => Promise<DirectoryView>, done: string) => {
    setPending(true);
    setFormError(null);
    request()
      .then(
        (d) => {
          loaded.put(d);
          setMode({ kind: 'list' });
          setNotice(done);
        },
        (e: unknown) => {
          const err = failure(e);
          if (err) setFormError(serviceMessage(err));
        },
      )
      .finally(() => setPending(false));
  };

  const submit = () => {
    if (pending) return;
    switch (mode.kind) {
      case 'list':
        return;
      case 'station': {
        const request = stationRequest(mode.draft);
        save(() => client.addStation(request), `Added ${request.plad} (${request.shortName}).`);
        return;
      }
      case 'office': {
        const request = officeRequest(mode.draft);
        save(() => client.addOffice(request), `Added office ${request.code} to ${request.plad}.`);
        return;
      }
      case 'collective': {
        const check = collectiveRequest(mode.draft);
        if (!check.ok) {
          setFormError(check.error);
          return;
        }
        const { name, members } = check.request;
        save(
          () => client.setCollective(check.request),
          `${mode.draft.existing ? 'Saved' : 'Created'} collective ${name} with ${members.length} ${members.length === 1 ? 'member' : 'members'}.`,
        );
        return;
      }
    }
  };

  const listFailure = failureOf(loaded);
  return (
    <DirectoryScreen
      chrome={props.chrome}
      directory={directory}
      listError={listFailure && serviceMessage(listFailure)}
      listProgress={progressOf(loaded)}
      mode={mode}
      pending={pending}
      formError={formError}
      notice={notice}
      onAddStation={() => start({ kind: 'station', draft: EMPTY_STATION })}
      onAddOffice={(plad) => start({ kind: 'office', draft: emptyOffice(plad ?? directory?.stations[0]?.plad ?? '') })}
      onNewCollective={() => start({ kind: 'collective', draft: newCollective() })}
      onEditCollective={(c) => start({ kind: 'collective', draft: collectiveDraftOf(c) })}
      onCancel={() => start({ kind: 'list' })}
      onModeChange={(next) => {
        setMode(next);
        setFormError(null);
      }}
      onSubmit={submit}
    />
  );
}
