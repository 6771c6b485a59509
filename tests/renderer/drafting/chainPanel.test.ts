import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { emptyDraft, type DraftView, type RuleFinding } from '../../../electron/domain/draft';
import { DraftingChainPanel, type Problem } from '../../../renderer/src/drafting/DraftingChainPanel';

/**
 * The Sign button that waits for rule errors (issue 14 item 5): it stays in the Tab order
 * (aria-disabled, not disabled), is described by the reason beside it, and the reason names the
 * first errors and offers "show"; with no error it is an ordinary button opening the dialog.
 */
const view = (over: Partial<DraftView> = {}): DraftView => ({
  id: 7,
  state: 'DRAFTING',
  revision: 1,
  draft: emptyDraft('FRUS_1960S', { plad: 'USMISSION USNATO' }, 'duty-usro'),
  owner: 'duty-usro',
  ownerName: 'USRO Duty Officer',
  updatedAt: '1962-10-28T10:15:00.000Z',
  findings: [],
  chain: [
    {
      role: 'DRAFTER',
      clearanceIndex: null,
      label: 'Drafted by USRO Duty Officer',
      status: 'PENDING',
      by: null,
      at: null,
      comment: null,
      mine: true,
    },
  ],
  returnedNote: null,
  canEdit: true,
  downgrade: null,
  releasedRef: null,
  releasedCableId: null,
  ...over,
});

const error = (rule: number, field: string): RuleFinding => ({ rule, severity: 'error', field, message: 'wrong' });

/** The panel of a drafter at the Sign step, as static markup. */
function render(problems: ReadonlyArray<Problem>): string {
  return renderToStaticMarkup(
    createElement(DraftingChainPanel, {
      view: view(),
      directory: null,
      problems,
      onShowProblems: () => undefined,
      busy: false,
      mayAuthorizeDowngrade: false,
      notice: null,
      onAction: () => undefined,
      onOpenReleased: () => undefined,
    }),
  );
}

describe('the waiting Sign button', () => {
  test('with errors: focusable, aria-disabled, described by the reason; the first three named, and "show"', () => {
    const problems: Problem[] = [
      { finding: error(0, 'subject'), anchor: 'subject' },
      { finding: error(10, 'addressees'), anchor: 'addressees' },
      { finding: error(21, 'fileRef'), anchor: 'fileRef' },
      { finding: error(19, 'classification'), anchor: null },
    ];
    const html = render(problems);
    const sign = /<button[^>]*>Sign and send for approval<\/button>/.exec(html)?.[0] ?? '';
    expect(sign).toContain('aria-disabled="true"');
    expect(sign).not.toMatch(/\sdisabled=""/);
    expect(sign).not.toContain('aria-haspopup');
    const describedBy = /aria-describedby="([^"]+)"/.exec(sign)?.[1];
    expect(describedBy).toBeDefined();
    expect(html).toContain(`id="${describedBy}">4 rule errors must be fixed first`);
    expect(html.match(/data-testid="sign-blocked-link"/g)).toHaveLength(3);
    expect(html).toContain('Rule 10 · Addressees');
    expect(html).not.toContain('Rule 19 · Classification');
    expect(html).toContain('4 problems — show');
  });

  test('without errors: an ordinary button that opens the signing dialog', () => {
    const html = render([]);
    const sign = /<button[^>]*>Sign and send for approval<\/button>/.exec(html)?.[0] ?? '';
    expect(sign).toContain('aria-haspopup="dialog"');
    expect(sign).not.toContain('aria-disabled');
    expect(sign).not.toContain('aria-describedby');
    expect(html).not.toContain('sign-blocked');
  });
});
