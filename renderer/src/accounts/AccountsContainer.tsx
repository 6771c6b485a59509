import { useState } from 'react';
import type { AccountView } from '../../../electron/domain/cable';
import { createRequest, editDraftOf, emptyNewAccount, isEmptyUpdate, updateRequest } from './accountForms';
import type { CableroomClient } from '../common/api';
import { AccountsScreen, type AccountsMode } from './AccountsScreen';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { serviceMessage } from '../common/errorText';
import { failureOf, progressOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';

/**
 * Wires the accounts view to `listAccounts`, `listPosts`, `createAccount` and `updateAccount`.
 * Main decides who may manage whom (instructors: trainees and officers; admins: everyone) and
 * its refusal is shown word for word.
 */
export function AccountsContainer(props: { client: CableroomClient; chrome: WorkspaceChrome }) {
  const { client } = props;
  const failure = useFailure();
  const accounts = useLoad(() => client.listAccounts(), [client]);
  const posts = useLoad(() => client.listPosts(), [client]);
  const [mode, setMode] = useState<AccountsMode>({ kind: 'list' });
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const listFailure = failureOf(accounts) ?? failureOf(posts);

  const start = (next: AccountsMode) => {
    setMode(next);
    setFormError(null);
    setNotice(null);
  };

  const fail = (e: unknown) => {
    const err = failure(e);
    if (err) setFormError(serviceMessage(err));
  };

  const submitCreate = () => {
    if (mode.kind !== 'create' || pending) return;
    const request = createRequest(mode.draft);
    setPending(true);
    setFormError(null);
    client
      .createAccount(request)
      .then((created) => {
        setMode({ kind: 'list' });
        setNotice(`Created account ${created.login} (${created.displayName}).`);
        accounts.reload();
      }, fail)
      .finally(() => setPending(false));
  };

  const submitEdit = () => {
    if (mode.kind !== 'edit' || pending) return;
    const request = updateRequest(mode.account.login, mode.account, mode.draft);
    if (isEmptyUpdate(request)) {
      setFormError('Nothing to save: no field was changed.');
      return;
    }
    setPending(true);
    setFormError(null);
    client
      .updateAccount(request)
      .then((saved: AccountView) => {
        setMode({ kind: 'list' });
        setNotice(`Saved changes to ${saved.login}.`);
        accounts.set((list) => list.map((a) => (a.login === saved.login ? saved : a)));
      }, fail)
      .finally(() => setPending(false));
  };

  return (
    <AccountsScreen
      chrome={props.chrome}
      accounts={accounts.value}
      posts={posts.value ?? []}
      listError={listFailure && serviceMessage(listFailure)}
      listProgress={progressOf(accounts)}
      mode={mode}
      pending={pending}
      formError={formError}
      notice={notice}
      onNew={() => start({ kind: 'create', draft: emptyNewAccount(props.chrome.user.post.plad) })}
      onEdit={(account) => start({ kind: 'edit', account, draft: editDraftOf(account) })}
      onCancel={() => start({ kind: 'list' })}
      onDraftChange={(draft) => setMode((m) => (m.kind === 'list' ? m : { ...m, draft }))}
      onSubmit={mode.kind === 'create' ? submitCreate : submitEdit}
    />
  );
}
