import type { AuditAction } from '../../../electron/domain/audit';
import type { AuditQuery } from '../common/api';

/**
 * The audit view's filter form and how it becomes a `listAudit` query. Pure: no DOM, no React.
 */
export type AuditFilterDraft = Readonly<{
  login: string;
  ref: string;
  action: AuditAction | '';
  /** `<input type="datetime-local">` values ("2026-11-28T14:05"), local time; '' for none. */
  from: string;
  to: string;
}>;

export const EMPTY_AUDIT_FILTER: AuditFilterDraft = Object.freeze({ login: '', ref: '', action: '', from: '', to: '' });

/** Entries per page of the table ("Older entries" asks for the next page with `beforeSeq`). */
export const AUDIT_PAGE_SIZE = 50;

/**
 * A datetime-local value as an ISO instant with an offset. The offset is always "Z": main
 * stores `at` as UTC ISO strings and compares them as text, so a UTC bound is the one that
 * compares correctly. `endOfMinute` makes a "to" bound include the whole minute typed.
 * Returns null for an empty or unreadable value.
 */
export function localInputToIso(value: string, endOfMinute = false): string | null {
  if (value.trim() === '') return null;
  const at = new Date(value); // no zone in the string: the local time zone, as the person typed it
  if (Number.isNaN(at.getTime())) return null;
  if (endOfMinute && at.getSeconds() === 0 && at.getMilliseconds() === 0) at.setSeconds(59, 999);
  return at.toISOString();
}

/** The query for one page; `beforeSeq` continues below the oldest entry shown. */
export function auditQuery(draft: AuditFilterDraft, beforeSeq?: number): AuditQuery {
  const from = localInputToIso(draft.from);
  const to = localInputToIso(draft.to, true);
  const login = draft.login.trim();
  const ref = draft.ref.trim().toUpperCase();
  return {
    limit: AUDIT_PAGE_SIZE,
    ...(login ? { login } : {}),
    ...(ref ? { ref } : {}),
    ...(draft.action ? { action: draft.action } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(beforeSeq !== undefined ? { beforeSeq } : {}),
  };
}

/** "2026-11-28 14:01:09" in local time, the way the filter fields are read. */
export function formatAuditTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
  );
}

/** Longest detail summary shown in the table; the full text is in the cell's title. */
const DETAIL_SUMMARY_CHARS = 140;

function valueWords(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(valueWords).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** "reason: CLEARANCE · channel: app": the detail object as one line, and whether it was cut. */
export function detailSummary(detail: Readonly<Record<string, unknown>>): Readonly<{ full: string; short: string }> {
  const full = Object.entries(detail)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${valueWords(v)}`)
    .join(' · ');
  const short = full.length > DETAIL_SUMMARY_CHARS ? `${full.slice(0, DETAIL_SUMMARY_CHARS - 1)}…` : full;
  return { full, short };
}
