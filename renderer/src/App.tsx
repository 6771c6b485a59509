import { useCallback, useEffect, useState } from 'react';
import type { InstallationInfo } from '../../electron/contract/ipc';
import type { SignedInUser } from '../../electron/domain/cable';
import { toApiError, type ApiError, type CableroomClient } from './shared/api';
import { SignInContainer } from './signin/SignInContainer';
import { Workspace } from './workspace/Workspace';
import { describeError } from './shared/errorText';

type Session =
  | Readonly<{ kind: 'starting' }>
  | Readonly<{ kind: 'signed-out'; notice: string | null }>
  | Readonly<{ kind: 'signed-in'; user: SignedInUser }>;

/**
 * The top-level container: asks main who is signed in for this window (a reload keeps the
 * session, which main holds per sender) and whether this is a demo installation, then shows
 * sign-in or the workspace.
 */
export function App(props: { client: CableroomClient }) {
  const { client } = props;
  const [session, setSession] = useState<Session>({ kind: 'starting' });
  const [installation, setInstallation] = useState<InstallationInfo>({ demo: false });

  useEffect(() => {
    let live = true;
    Promise.all([client.currentUser(), client.installation()]).then(
      ([user, info]) => {
        if (!live) return;
        setInstallation(info);
        setSession(user ? { kind: 'signed-in', user } : { kind: 'signed-out', notice: null });
      },
      (e: unknown) => {
        if (live) setSession({ kind: 'signed-out', notice: describeError(toApiError(e)) });
      },
    );
    return () => {
      live = false;
    };
  }, [client]);

  const onSessionEnded = useCallback((e: ApiError) => {
    setSession({ kind: 'signed-out', notice: describeError(e) });
  }, []);

  switch (session.kind) {
    case 'starting':
      return (
        <div className="screen screen--starting" aria-busy="true">
          <p className="muted">Connecting…</p>
        </div>
      );
    case 'signed-out':
      return (
        <SignInContainer
          client={client}
          notice={session.notice}
          onSignedIn={(user) => setSession({ kind: 'signed-in', user })}
        />
      );
    case 'signed-in':
      return (
        <Workspace
          key={session.user.login}
          client={client}
          user={session.user}
          demo={installation.demo}
          onSignedOut={() => setSession({ kind: 'signed-out', notice: null })}
          onSessionEnded={onSessionEnded}
        />
      );
  }
}
