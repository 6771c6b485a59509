import { assertNever } from '../../../electron/domain/assertNever';
import type { DistributionEntry } from '../../../electron/domain/cable';
import { precedenceRank } from '../../../electron/domain/precedence';
import { routeOf, routeRank } from './route';

/**
 * The distribution as a table: its sortable columns and their order. Pure. The default order is
 * the graph's (by route: direct, collective, pass, repeat), so the table and the picture agree.
 */
export const SORTABLE_COLUMNS = [
  'station',
  'role',
  'precedence',
  'serial',
  'route',
  'from',
  'delivered',
  'ack',
  'opened',
] as const;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];

export type SortDirection = 'ascending' | 'descending';
export type TableSort = Readonly<{ column: SortColumn; direction: SortDirection }>;

export const DEFAULT_SORT: TableSort = { column: 'route', direction: 'ascending' };

export const COLUMN_WORDS: Readonly<Record<SortColumn, string>> = {
  station: 'Station',
  role: 'Role',
  precedence: 'Precedence',
  serial: 'Serial',
  route: 'Route',
  from: 'From',
  delivered: 'Delivered',
  ack: 'Ack',
  opened: 'Opened by',
};

/** Clicking the sorted column flips it; another column starts ascending. */
export function nextSort(current: TableSort, column: SortColumn): TableSort {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

const text = (a: string, b: string) => a.localeCompare(b);

function compareBy(column: SortColumn, a: DistributionEntry, b: DistributionEntry): number {
  switch (column) {
    case 'station':
      return text(a.station, b.station);
    case 'role':
      return text(a.role, b.role);
    case 'precedence':
      // Ascending runs ROUTINE → FLASH; NIACT sits just above its precedence.
      return precedenceRank(a.precedence) + (a.niact ? 0.5 : 0) - (precedenceRank(b.precedence) + (b.niact ? 0.5 : 0));
    case 'serial':
      return text(a.serial ?? '', b.serial ?? '');
    case 'route':
      return (
        routeRank(routeOf(a.via, a.from).kind) - routeRank(routeOf(b.via, b.from).kind) ||
        text(a.from, b.from) ||
        text(a.via, b.via)
      );
    case 'from':
      return text(a.from, b.from);
    case 'delivered':
      return text(a.deliveredAt, b.deliveredAt);
    case 'ack':
      return text(a.ackAt ?? '', b.ackAt ?? '');
    case 'opened':
      return a.openedBy.length - b.openedBy.length || text(a.openedBy.join(','), b.openedBy.join(','));
    default:
      return assertNever(column, 'table column');
  }
}

/** A sorted copy; ties fall back to the route, then the station, so the order is stable. */
export function sortDeliveries(
  entries: ReadonlyArray<DistributionEntry>,
  sort: TableSort,
): ReadonlyArray<DistributionEntry> {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...entries].sort(
    (a, b) =>
      sign * compareBy(sort.column, a, b) ||
      compareBy('route', a, b) ||
      text(a.station, b.station) ||
      text(a.deliveredAt, b.deliveredAt),
  );
}
