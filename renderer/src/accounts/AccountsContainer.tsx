import { useCallback, useEffect, useState } from 'react';
import type { AccountView, PostView } from '../../../electron/domain/cable';
import { createRequest, editDraftOf, emptyNewAccount, isEmptyUpdate, updateRequest } from './accountForms';
import { toApiError, type ApiError, type CableroomClient } from '../shared/api';
import { AccountsScreen, type AccountsMode } from './AccountsScreen';
import type { WorkspaceChrome } from '../shared/WorkspaceFrame';
import { serviceMessage } from '../shared/errorText';

/**
 * Wires the accounts view to `listAccounts`, `listPosts`, `createAccount` and `updateAccount`.
 * Main decides who may manage whom (instructors: trainees and officers; admins: everyone) and
 * its refusal is shown word for word.
 */
export function AccountsContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  onSessionEnded(e: ApiError): void;
}) {
  const { client, onSessionEnded } = props;
  const [accounts, setAccounts] = useState<ReadonlyArray<AccountView> | null>(null);
  const [posts, setPosts] = useState<ReadonlyArray<PostView>>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [mode, setMode] = useState<AccountsMode>({ kind: 'list' });
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

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

  const reload = useCallback(() => {
    client.listAccounts().then(
      (list) => {
        setAccounts(list);
        setListError(null);
      },
      (e: unknown) => setListError(toMessage(e)),
    );
  }, [client, toMessage]);

  useEffect(() => {
    reload();
    client.listPosts().then(setPosts, (e: unknown) => setListError(toMessage(e)));
  }, [client, reload, toMessage]);

  const start = (next: AccountsMode) => {
    setMode(next);
    setFormError(null);
    setNotice(null);
  };

  const submitCreate = () => {
    if (mode.kind !== 'create' || pending) return;
    const request = createRequest(mode.draft);
    setPending(true);
    setFormError(null);
    client
      .createAccount(request)
      .then(
        (created) => {
          setMode({ kind: 'list' });
          setNotice(`Created account ${created.login} (${created.displayName}).`);
          reload();
        },
        (e: unknown) => setFormError(toMessage(e)),
      )
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
      .then(
        (saved) => {
          setMode({ kind: 'list' });
          setNotice(`Saved changes to ${saved.login}.`);
          setAccounts((list) => list?.map((a) => (a.login === saved.login ? saved : a)) ?? null);
        },
        (e: unknown) => setFormError(toMessage(e)),
      )
      .finally(() => setPending(false));
  };

  return (
    <AccountsScreen
      chrome={props.chrome}
      accounts={accounts}
      posts={posts}
      listError={listError}
      mode={mode}
      pending={pending}
      formError={formError}
      notice={notice}
      onNew={() => start({ kind: 'create', draft: emptyNewAccount(props.chrome.user.post.plad) })}
      onEdit={(account) => start({ kind: 'edit', account, draft: editDraftOf(account) })}
      onCancel={() => start({ kind: 'list' })}
      onCreateDraftChange={(draft) => setMode({ kind: 'create', draft })}
      onEditDraftChange={(draft) => setMode((m) => (m.kind === 'edit' ? { ...m, draft } : m))}
      onSubmitCreate={submitCreate}
      onSubmitEdit={submitEdit}
    />
  );
}
