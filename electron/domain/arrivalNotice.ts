/**
 * The desktop notification for new FLASH and NIACT traffic (issue 14 item 1; DOMAIN.md rule 8).
 * A notification is shown outside the app's banners — on a lock screen, in the system's history —
 * so it says nothing above UNCLASSIFIED: how many cables of which precedence, never a ref, a
 * subject, a marking or a sender ("1 FLASH cable").
 */
export type ArrivalNotice = Readonly<{ title: string; body: string }>;

export const ARRIVAL_NOTICE_TITLE = 'Cableroom';

function countOf(n: number, precedence: 'FLASH' | 'NIACT'): string {
  return `${n} ${precedence} ${n === 1 ? 'cable' : 'cables'}`;
}

/** The notice for this many new FLASH and NIACT (not FLASH) deliveries, or null when there are none. */
export function arrivalNotice(counts: Readonly<{ flash: number; niact: number }>): ArrivalNotice | null {
  const flash = Number.isSafeInteger(counts.flash) && counts.flash > 0 ? counts.flash : 0;
  const niact = Number.isSafeInteger(counts.niact) && counts.niact > 0 ? counts.niact : 0;
  const parts = [...(flash > 0 ? [countOf(flash, 'FLASH')] : []), ...(niact > 0 ? [countOf(niact, 'NIACT')] : [])];
  if (parts.length === 0) return null;
  return {
    title: ARRIVAL_NOTICE_TITLE,
    body: `${parts.join(' and ')} ${flash + niact === 1 ? 'waits' : 'wait'} for acknowledgement.`,
  };
}
