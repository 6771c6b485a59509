/**
 * Fixed-row-height windowing for the inbox: which rows to put in the DOM for a scroll position,
 * and where each goes. Pure arithmetic, no DOM.
 *
 * Browsers cap an element's height (Chromium at about 33.5 million px), and a million 56 px rows
 * need 56 million. Past MAX_SPACER_HEIGHT_PX the spacer stays at the cap and scrolling is scaled:
 * one pixel of scrollbar moves `scale` pixels of rows, so every row stays reachable.
 */
export const MAX_SPACER_HEIGHT_PX = 16_000_000;

export type WindowInput = Readonly<{
  rowCount: number;
  rowHeightPx: number;
  viewportHeightPx: number;
  scrollTopPx: number;
  overscanRows: number;
}>;

export type RowWindow = Readonly<{
  /** First row index in the DOM (inclusive). */
  first: number;
  /** One past the last row index in the DOM. */
  end: number;
  /** Height of the scrolled spacer element. */
  spacerHeightPx: number;
  /** Content pixels per scrollbar pixel (1 unless the list is taller than the cap). */
  scale: number;
  /** Top of the viewport in content pixels. */
  contentTopPx: number;
}>;

function geometry(rowCount: number, rowHeightPx: number, viewportHeightPx: number) {
  const contentHeightPx = rowCount * rowHeightPx;
  const spacerHeightPx = Math.min(contentHeightPx, MAX_SPACER_HEIGHT_PX);
  const maxScrollContent = Math.max(0, contentHeightPx - viewportHeightPx);
  const maxScrollSpacer = Math.max(0, spacerHeightPx - viewportHeightPx);
  const scale = maxScrollSpacer > 0 && maxScrollContent > maxScrollSpacer ? maxScrollContent / maxScrollSpacer : 1;
  return { spacerHeightPx, scale, maxScrollSpacer };
}

export function computeWindow(input: WindowInput): RowWindow {
  const { rowCount, rowHeightPx, viewportHeightPx, overscanRows } = input;
  const { spacerHeightPx, scale, maxScrollSpacer } = geometry(rowCount, rowHeightPx, viewportHeightPx);
  const scrollTopPx = Math.min(Math.max(0, input.scrollTopPx), maxScrollSpacer);
  const contentTopPx = scrollTopPx * scale;
  const firstVisible = Math.floor(contentTopPx / rowHeightPx);
  const endVisible = Math.ceil((contentTopPx + viewportHeightPx) / rowHeightPx);
  return {
    first: Math.max(0, Math.min(rowCount, firstVisible - overscanRows)),
    end: Math.max(0, Math.min(rowCount, endVisible + overscanRows)),
    spacerHeightPx,
    scale,
    contentTopPx,
  };
}

/** Where row `index` sits inside the spacer for the current scroll position. */
export function rowTopPx(index: number, rowHeightPx: number, scrollTopPx: number, win: RowWindow): number {
  return scrollTopPx + (index * rowHeightPx - win.contentTopPx);
}

/**
 * The scrollTop that brings row `index` fully into view with the least movement, or null when it
 * already is.
 */
export function scrollTopToReveal(index: number, input: Omit<WindowInput, 'overscanRows'>): number | null {
  const { rowCount, rowHeightPx, viewportHeightPx, scrollTopPx } = input;
  const { scale, maxScrollSpacer } = geometry(rowCount, rowHeightPx, viewportHeightPx);
  const contentTopPx = scrollTopPx * scale;
  const rowTop = index * rowHeightPx;
  const rowBottom = rowTop + rowHeightPx;
  let target: number;
  if (rowTop < contentTopPx) target = rowTop;
  else if (rowBottom > contentTopPx + viewportHeightPx) target = rowBottom - viewportHeightPx;
  else return null;
  return Math.min(maxScrollSpacer, Math.max(0, target / scale));
}

/** Rows a PageUp/PageDown moves: one viewport, less one row of context. */
export function rowsPerPage(rowHeightPx: number, viewportHeightPx: number): number {
  return Math.max(1, Math.floor(viewportHeightPx / rowHeightPx) - 1);
}
