import type { ReactNode } from 'react';
import type { SignedInUser } from '../../../electron/domain/cable';
import { classificationWords } from '../../../electron/domain/classification';
import type { WorkCounts } from '../../../electron/contract/push';
import type { ViewMarking } from './viewMarking';
import { ClassificationBanner } from './markings';
import { ShownText } from './ShownText';
import { useShortcut } from '../shortcuts/ShortcutProvider';
import { ShortcutSheetButton } from '../shortcuts/ShortcutSheetButton';
import { shortcutTitle } from '../shortcuts/keyWords';

/**
 * The signed-in window (pure view): the view's banner at top and bottom (DOMAIN.md rule 25),
 * the app bar with the sections this person may use, the FLASH/NIACT alert panel, and the
 * screen's own content between them. Every signed-in screen renders inside it with the marking
 * of what it shows, so no screen can leave its banners out.
 */
export type WorkspaceSection =
  | 'inbox'
  | 'drafts'
  | 'exercise'
  | 'audit'
  | 'accounts'
  | 'directory'
  | 'import'
  /** The traffic of a FRUS volume (issue 12 item 5). */
  | 'traffic'
  /** Reached from the connection indicator in the app bar (issue 11), not from the section list. */
  | 'classroom'
  /** Verifying every signed cable (issue 15 item 3): reached from the audit trail, not the section list. */
  | 'integrity';

export const SECTION_WORDS: Readonly<Record<WorkspaceSection, string>> = {
  inbox: 'Inbox',
  drafts: 'Drafts',
  exercise: 'Exercise',
  audit: 'Audit trail',
  accounts: 'Accounts',
  directory: 'Directory',
  import: 'Import',
  traffic: 'Traffic',
  classroom: 'Classroom',
  integrity: 'Integrity',
};

/** What the container supplies to every screen's frame. */
export type WorkspaceChrome = Readonly<{
  user: SignedInUser;
  /** A demo installation: every account opens with the published training passphrase (issue 13 item 8). */
  demo: boolean;
  section: WorkspaceSection;
  /**
   * The sections shown in the app bar (inbox, drafts and import for everyone; the exercise, audit,
   * accounts and directory only for instructors and admins).
   */
  sections: ReadonlyArray<WorkspaceSection>;
  onNavigate(section: WorkspaceSection): void;
  signingOut: boolean;
  onSignOut(): void;
  /** The alert panel (or nothing), placed under the app bar on every screen. */
  alerts: ReactNode;
  /** The exercise's scenario clock (issue 10), in the app bar before the user's name; absent when none runs. */
  clock?: ReactNode;
  /** Unread deliveries and drafts waiting for the user, kept current by push (issue 14 item 2); null until known. */
  counts?: WorkCounts | null;
}>;

/** "3", or "999+" past the count's cap. */
function unreadWords(counts: WorkCounts): string {
  return counts.unreadCapped ? `${counts.unread}+` : String(counts.unread);
}

/** The badge beside a section's name: unread for the inbox, waiting drafts for the desk. */
function sectionBadge(section: WorkspaceSection, counts: WorkCounts | null | undefined): ReactNode {
  if (!counts) return null;
  if (section === 'inbox' && (counts.unread > 0 || counts.unreadCapped)) {
    return (
      <span className="app-nav__badge" data-testid="unread-count" data-count={counts.unread}>
        {unreadWords(counts)}
        <span className="visually-hidden"> unread</span>
      </span>
    );
  }
  if (section === 'drafts' && counts.draftsWaiting > 0) {
    return (
      <span className="app-nav__badge" data-testid="drafts-waiting-count" data-count={counts.draftsWaiting}>
        {counts.draftsWaiting}
        <span className="visually-hidden"> waiting for you</span>
      </span>
    );
  }
  return null;
}

/** Why the badge is there: a demo must never be mistaken for an installation that protects anything. */
export const DEMO_TITLE =
  'Demo installation: every account, instructors and admins included, opens with the published training passphrase.';

const ROLE_WORDS: Readonly<Record<SignedInUser['role'], string>> = {
  trainee: 'Trainee',
  officer: 'Officer',
  instructor: 'Instructor',
  admin: 'Administrator',
  historian: 'Historian',
};

export function WorkspaceFrame(props: {
  chrome: WorkspaceChrome;
  marking: ViewMarking;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  const { chrome, marking } = props;
  const { user } = chrome;
  const meta = `${ROLE_WORDS[user.role]} · ${user.post.name}`;
  const clearance = `cleared ${classificationWords(user.clearance)}`;
  // `g i` / `g d` from every screen (issue 14 item 6); a screen's own registration still wins.
  useShortcut('go.inbox', () => chrome.onNavigate('inbox'));
  useShortcut('go.drafts', () => chrome.onNavigate('drafts'), chrome.sections.includes('drafts'));
  // Landmarks (issue 14 item 7): the top banner, app bar and alerts are the page's banner
  // landmark, the screen's content its <main>, the bottom banner its contentinfo.
  return (
    <div className={`screen workspace ${props.className ?? ''}`} data-testid={props.testId}>
      <header className="workspace__head">
        <ClassificationBanner classification={marking.classification} text={marking.text} position="top" sticky />
        <div className="app-bar">
          <h1 className="wordmark wordmark--small">Cableroom</h1>
          {chrome.demo && (
            <span className="app-bar__demo" data-testid="demo-badge" title={DEMO_TITLE}>
              demo
            </span>
          )}
          {chrome.sections.length > 1 && (
            <nav className="app-nav" aria-label="Sections">
              {chrome.sections.map((s) => (
                <button
                  key={s}
                  type="button"
                  className="app-nav__item"
                  aria-current={s === chrome.section ? 'page' : undefined}
                  data-testid={`nav-${s}`}
                  title={
                    s === 'inbox'
                      ? shortcutTitle('go.inbox', 'Inbox')
                      : s === 'drafts'
                        ? shortcutTitle('go.drafts', 'Drafts')
                        : undefined
                  }
                  onClick={() => chrome.onNavigate(s)}
                >
                  {SECTION_WORDS[s]}
                  {sectionBadge(s, chrome.counts)}
                </button>
              ))}
            </nav>
          )}
          {chrome.counts && chrome.counts.draftsWaiting > 0 && chrome.section !== 'drafts' && (
            <button
              type="button"
              className="app-bar__waiting"
              data-testid="drafts-waiting-bar"
              onClick={() => chrome.onNavigate('drafts')}
            >
              {chrome.counts.draftsWaiting} {chrome.counts.draftsWaiting === 1 ? 'draft' : 'drafts'} waiting for you
            </button>
          )}
          {chrome.clock}
          <div className="app-bar__user" data-testid="signed-in-user">
            <span className="app-bar__name">
              <ShownText text={user.displayName} />
            </span>
            <span className="app-bar__meta-line">
              <span className="app-bar__meta" title={`${meta} · ${clearance}`}>
                {meta}
              </span>
              {/* The user's own clearance is never the part cut off (issue 14 item 4). */}
              <span className="app-bar__clearance" data-testid="user-clearance">
                {' · '}
                {clearance}
              </span>
            </span>
          </div>
          <ShortcutSheetButton compact />
          <button type="button" className="button" onClick={chrome.onSignOut} disabled={chrome.signingOut}>
            {chrome.signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
        {chrome.alerts}
      </header>
      {props.children}
      <footer className="workspace__foot">
        <ClassificationBanner classification={marking.classification} text={marking.text} position="bottom" sticky />
      </footer>
    </div>
  );
}
