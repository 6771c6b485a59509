import { useEffect, useState } from 'react';
import type { SignedInUser, UserSummary } from '../../../electron/domain/cable';
import { toApiError, type CableroomClient } from '../shared/api';
import { SignInScreen } from './SignInScreen';
import { describeError } from '../shared/errorText';

/** Wires the sign-in view to `listUsers` and `signIn`. */
export function SignInContainer(props: {
  client: CableroomClient;
  /** Why the person is back at sign-in (an ended session), shown until they act. */
  notice: string | null;
  onSignedIn(user: SignedInUser): void;
}) {
  const { client, onSignedIn } = props;
  const [users, setUsers] = useState<ReadonlyArray<UserSummary> | null>(null);
  const [usersError, setUsersError] = useState<string | null>(null);
  const [selectedLogin, setSelectedLogin] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(props.notice);
  const [focusToken, setFocusToken] = useState(0);

  useEffect(() => {
    let live = true;
    client.listUsers().then(
      (list) => {
        if (live) setUsers(list);
      },
      (e: unknown) => {
        if (live) setUsersError(describeError(toApiError(e)));
      },
    );
    return () => {
      live = false;
    };
  }, [client]);

  const submit = () => {
    if (selectedLogin === null || passphrase.length === 0 || pending) return;
    setPending(true);
    setError(null);
    client.signIn(selectedLogin, passphrase).then(
      (user) => {
        setPending(false);
        onSignedIn(user);
      },
      (e: unknown) => {
        setPending(false);
        setPassphrase('');
        setError(describeError(toApiError(e)));
        setFocusToken((t) => t + 1);
      },
    );
  };

  return (
    <SignInScreen
      users={users}
      usersError={usersError}
      selectedLogin={selectedLogin}
      passphrase={passphrase}
      pending={pending}
      error={error}
      focusPassphraseToken={focusToken}
      onSelectLogin={(login) => {
        setSelectedLogin(login);
        setError(null);
      }}
      onPassphraseChange={setPassphrase}
      onSubmit={submit}
    />
  );
}
