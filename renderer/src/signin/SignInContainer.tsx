import { useState } from 'react';
import type { SignedInUser } from '../../../electron/domain/cable';
import { toApiError, type CableroomClient } from '../common/api';
import { SignInScreen } from './SignInScreen';
import { describeError } from '../common/errorText';
import { useLoad } from '../common/useLoad';

/** Wires the sign-in view to `listUsers` and `signIn`. */
export function SignInContainer(props: {
  client: CableroomClient;
  /** Why the person is back at sign-in (an ended session), shown until they act. */
  notice: string | null;
  onSignedIn(user: SignedInUser): void;
}) {
  const { client, onSignedIn } = props;
  // A public endpoint: no session to end, so every failure is shown here.
  const users = useLoad(() => client.listUsers(), [client]);
  const [selectedLogin, setSelectedLogin] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(props.notice);
  const [focusToken, setFocusToken] = useState(0);

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
      users={users.value}
      usersError={users.state === 'error' ? describeError(users.error) : null}
      usersSlow={users.slow}
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
