import { useCallback, useEffect, useRef, useState } from 'react';
import type { SignedInUser } from '../../../electron/domain/cable';
import type { ApiError, CableroomClient } from '../api';
import { InboxScreen } from '../components/InboxScreen';
import { describeError } from '../errorText';
import { InboxFeed, useInboxFeed } from '../inbox/inboxFeed';
import { CableContainer } from './CableContainer';

/**
 * The signed-in part of the app: the inbox, and one cable at a time over it. The feed, the
 * selection and the scroll position outlive an opened cable, so Escape lands where you were.
 */
export function Workspace(props: {
  client: CableroomClient;
  user: SignedInUser;
  onSignedOut(): void;
  onSessionEnded(e: ApiError): void;
}) {
  const { client, user, onSignedOut, onSessionEnded } = props;
  const [feed] = useState(() => new InboxFeed(client));
  const snapshot = useInboxFeed(feed);
  const [selectedIndex, setSelectedIndex] = useState(-1);
  const [openIndex, setOpenIndex] = useState<number | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  const scrollTopRef = useRef(0);

  useEffect(() => {
    feed.loadMore();
    return () => feed.close();
  }, [feed]);

  useEffect(() => {
    if (snapshot.error?.code === 'NOT_SIGNED_IN') onSessionEnded(snapshot.error);
  }, [snapshot.error, onSessionEnded]);

  // Until the person moves it, the selection is the newest cable, so arrows and Enter work at once.
  const selected = selectedIndex < 0 && snapshot.rowCount > 0 ? 0 : selectedIndex;

  const back = useCallback(() => {
    setScrollTopPx(scrollTopRef.current);
    setOpenIndex(null);
  }, []);

  const onScrollTopChange = useCallback((top: number) => {
    scrollTopRef.current = top;
  }, []);

  const signOut = () => {
    setSigningOut(true);
    client.signOut().finally(() => onSignedOut());
  };

  const openRow = openIndex !== null ? snapshot.rows[openIndex] : undefined;
  if (openRow) {
    return <CableContainer client={client} row={openRow} onBack={back} onSessionEnded={onSessionEnded} />;
  }

  return (
    <InboxScreen
      user={user}
      rows={snapshot.rows}
      rowCount={snapshot.rowCount}
      marking={snapshot.highest}
      hasMore={snapshot.hasMore}
      loading={snapshot.loading}
      error={snapshot.error && snapshot.error.code !== 'NOT_SIGNED_IN' ? describeError(snapshot.error) : null}
      selectedIndex={selected}
      initialScrollTopPx={scrollTopPx}
      signingOut={signingOut}
      onSelect={setSelectedIndex}
      onOpen={(i) => {
        setSelectedIndex(i);
        setOpenIndex(i);
      }}
      onNeedMore={feed.loadMore}
      onRetry={feed.retry}
      onScrollTopChange={onScrollTopChange}
      onSignOut={signOut}
    />
  );
}
