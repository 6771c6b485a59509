import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import type { SignedInUser } from '../../../electron/domain/cable';
import { DEMO_TITLE, WorkspaceFrame, type WorkspaceChrome } from '../../../renderer/src/common/WorkspaceFrame';
import { UNCLASSIFIED_MARKING } from '../../../renderer/src/common/viewMarking';
import { ShortcutProvider } from '../../../renderer/src/shortcuts/ShortcutProvider';

/** Issue 13 item 8: the app bar of a demo installation says "demo" on every signed-in screen. */

const user: SignedInUser = {
  login: 'instructor',
  displayName: 'Course Instructor',
  post: { plad: 'SECSTATE WASHDC', name: 'Department of State' },
  role: 'instructor',
  clearance: 'TOP_SECRET',
  foreignNational: false,
  isPrincipal: false,
};

function appBar(demo: boolean): string {
  const chrome: WorkspaceChrome = {
    user,
    demo,
    section: 'inbox',
    sections: ['inbox', 'drafts'],
    onNavigate: () => undefined,
    signingOut: false,
    onSignOut: () => undefined,
    alerts: null,
  };
  // The frame registers g i / g d, so it renders under the provider App puts above every screen.
  const html = renderToStaticMarkup(
    createElement(ShortcutProvider, {
      children: createElement(WorkspaceFrame, {
        chrome,
        marking: UNCLASSIFIED_MARKING,
        testId: 'screen-test',
        children: null,
      }),
    }),
  );
  // The page's header landmark: the top banner, the app bar and the alerts (issue 14 item 7).
  const bar = /<header class="workspace__head">[\s\S]*?<\/header>/.exec(html);
  expect(bar).not.toBeNull();
  return bar![0];
}

describe('the demo badge in the app bar', () => {
  test('a demo installation is marked "demo", with the reason on hover', () => {
    const bar = appBar(true);
    expect(bar).toContain('data-testid="demo-badge"');
    expect(bar).toMatch(/>demo<\/span>/);
    expect(bar).toContain(`title="${DEMO_TITLE}"`);
  });

  test('an installation with its own passphrases has no badge', () => {
    expect(appBar(false)).not.toContain('demo');
  });
});
