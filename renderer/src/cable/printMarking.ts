import { useEffect } from 'react';
import { bannerColours, isAdministrativeControl } from '../../../electron/domain/classification';
import { displayText } from '../../../electron/domain/displayText';
import type { ViewMarking } from '../common/viewMarking';

/**
 * The printed banner (DOMAIN.md rule 3: the classification at top and bottom of every page;
 * rule 25: in its colour). print.css draws it in the @page top-center and bottom-center margin
 * boxes, which Chromium repeats on every page inside the reserved page margin, so text never
 * runs under it. Their content and colours come from custom properties on the root element,
 * set here from the cable's label while a cable is on screen (CSSOM, which the CSP allows).
 * With no cable on screen the properties are absent and nothing prints in the margins.
 */
const PROPERTIES = ['--print-banner', '--print-banner-bg', '--print-banner-fg', '--print-banner-frame'] as const;

/** The green frame of an administrative control (markings.tsx draws the same on screen). */
const ADMINISTRATIVE_FRAME = '#007A33';

/** A CSS string literal: quotes, backslashes and control characters escaped. */
export function cssString(text: string): string {
  const escaped = Array.from(text, (ch) => {
    if (ch === '"' || ch === '\\') return `\\${ch}`;
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f ? `\\${code.toString(16)} ` : ch;
  }).join('');
  return `"${escaped}"`;
}

export function usePrintMarking(marking: ViewMarking | null): void {
  const classification = marking?.classification ?? null;
  const text = marking?.text ?? null;
  useEffect(() => {
    if (classification === null || text === null) return;
    const root = document.documentElement.style;
    const { background, foreground } = bannerColours(classification);
    root.setProperty('--print-banner', cssString(displayText(text)));
    root.setProperty('--print-banner-bg', background);
    root.setProperty('--print-banner-fg', foreground);
    root.setProperty(
      '--print-banner-frame',
      isAdministrativeControl(classification) ? ADMINISTRATIVE_FRAME : background,
    );
    return () => {
      for (const p of PROPERTIES) root.removeProperty(p);
    };
  }, [classification, text]);
}
