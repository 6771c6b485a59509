import { useCallback, useState } from 'react';
import type { SignedInUser } from '../../electron/domain/cable';
import { type ApiError, type CableroomClient } from './common/api';
import { describeError } from './common/errorText';
import { SessionEndedContext } from './common/session';
import { ShortcutProvider } from './shortcuts/ShortcutProvider';
import { SlowWorkStatus } from './common/SlowWork';
import { useLoadReporting } from './common/useLoad';
import { SignInContainer } from './signin/SignInContainer';
import { Workspace } from './workspace/Workspace';

/** What the person has done since the window opened; null: as main said at start. */
type SessionChange =
  Readonly<{ kind: 'signed-out'; notice: string | null }> | Readonly<{ kind: 'signed-in'; user: SignedInUser }>;

/**
 * The top-level container. The window's keyboard shortcuts (issue 14 item 6) sit above every
 * screen, sign-in included: one table, and "?" shows it anywhere.
 */
export function App(props: { client: CableroomClient }) {
  return (
    <ShortcutProvider>
      <Session client={props.client} />
    </ShortcutProvider>
  );
}

/**
 * Asks main who is signed in for this window (a reload keeps the session, which main holds per
 * sender) and whether this is a demo installation, then shows sign-in or the workspace. It
 * provides the one way a screen reports an ended session (SessionEndedContext): back to sign-in,
 * saying why.
 */
function Session(props: { client: CableroomClient }) {
  const { client } = props;
  const [change, setChange] = useState<SessionChange | null>(null);

  const onSessionEnded = useCallback((e: ApiError) => {
    setChange({ kind: 'signed-out', notice: describeError(e) });
  }, []);

  const start = useLoadReporting(onSessionEnded, () => Promise.all([client.currentUser(), client.installation()]), [
    client,
  ]);
  const demo = start.value?.[1].demo ?? false;

  let session: SessionChange;
  if (change !== null) {
    session = change;
  } else if (start.state === 'ready') {
    const user = start.value[0];
    session = user ? { kind: 'signed-in', user } : { kind: 'signed-out', notice: null };
  } else if (start.state === 'error') {
    session = { kind: 'signed-out', notice: describeError(start.error) };
  } else {
    return (
      <div className="screen screen--starting" aria-busy="true">
        <SlowWorkStatus slow={start.slow} label="Connecting…" className="muted" />
      </div>
    );
  }

  return (
    <SessionEndedContext.Provider value={onSessionEnded}>
      {session.kind === 'signed-out' ? (
        <SignInContainer
          client={client}
          notice={session.notice}
          onSignedIn={(user) => setChange({ kind: 'signed-in', user })}
        />
      ) : (
        <Workspace
          key={session.user.login}
          client={client}
          user={session.user}
          demo={demo}
          onSignedOut={() => setChange({ kind: 'signed-out', notice: null })}
        />
      )}
    </SessionEndedContext.Provider>
  );
}
