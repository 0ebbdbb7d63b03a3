import type { ListMobilities$Params } from '@mobility-hub/api-client';
import { ACTIVITY_TYPE_CODES, COUNTRY_NAMES, isIsoDate, MOBILITY_STATES } from '@mobility-hub/domain';

export type MobilitySort = NonNullable<ListMobilities$Params['sort']>;
export type SortKey = Exclude<MobilitySort, `-${string}`>;

/** The filters of the Mobilities page as they stand in its URL (all strings; '' when not set). */
export interface MobilityListState {
  readonly q: string;
  readonly overdue: '' | 'true' | 'false';
  readonly phase: '' | NonNullable<ListMobilities$Params['phase']>;
  readonly hostCountry: string;
  readonly activityType: '' | NonNullable<ListMobilities$Params['activityType']>;
  readonly projectId: string;
  readonly from: string;
  readonly to: string;
  readonly sort: MobilitySort;
  readonly page: number;
}

export const DEFAULT_SORT: MobilitySort = 'startDate';
export const EMPTY_STATE: MobilityListState = {
  q: '',
  overdue: '',
  phase: '',
  hostCountry: '',
  activityType: '',
  projectId: '',
  from: '',
  to: '',
  sort: DEFAULT_SORT,
  page: 1,
};

/** The orders offered, as a person reads them. */
export const SORT_OPTIONS: readonly { readonly value: MobilitySort; readonly label: string }[] = [
  { value: 'startDate', label: 'Start date, earliest first' },
  { value: '-startDate', label: 'Start date, latest first' },
  { value: 'endDate', label: 'End date, earliest first' },
  { value: '-endDate', label: 'End date, latest first' },
  { value: 'learner', label: 'Learner, A to Z' },
  { value: '-learner', label: 'Learner, Z to A' },
  { value: 'host', label: 'Host, A to Z' },
  { value: '-host', label: 'Host, Z to A' },
  { value: 'hostCountry', label: 'Host country' },
  { value: 'phase', label: 'Phase, earliest first' },
  { value: '-phase', label: 'Phase, furthest first' },
  { value: '-overdueTasks', label: 'Most overdue tasks first' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | '' =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';

/**
 * Reads the page's state from URL query parameters (a link, a reload, a saved filter): what is not
 * a valid value is dropped, so that a hand-edited or outdated link still shows a list.
 */
export function stateFromParams(get: (name: string) => string | null): MobilityListState {
  const country = (get('hostCountry') ?? '').toUpperCase();
  const page = Number(get('page'));
  const sort = oneOf(
    get('sort'),
    SORT_OPTIONS.map((o) => o.value).concat(['overdueTasks', 'hostCountry', '-hostCountry']),
  );
  const date = (name: string) => {
    const value = get(name);
    return value && isIsoDate(value) ? value : '';
  };
  const projectId = get('projectId') ?? '';
  return {
    q: (get('q') ?? '').slice(0, 100),
    overdue: oneOf(get('overdue'), ['true', 'false'] as const),
    phase: oneOf(get('phase'), MOBILITY_STATES),
    hostCountry: COUNTRY_NAMES[country] ? country : '',
    activityType: oneOf(get('activityType'), ACTIVITY_TYPE_CODES),
    projectId: UUID.test(projectId) ? projectId : '',
    from: date('from'),
    to: date('to'),
    sort: sort || DEFAULT_SORT,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The URL query parameters of a state: only what differs from the defaults. */
export function paramsOf(state: MobilityListState): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['q', 'overdue', 'phase', 'hostCountry', 'activityType', 'projectId', 'from', 'to'] as const) {
    const value = state[key].trim();
    if (value) params[key] = value;
  }
  if (state.sort !== DEFAULT_SORT) params['sort'] = state.sort;
  if (state.page > 1) params['page'] = String(state.page);
  return params;
}

/** A state as a query string (what a saved filter keeps): the filters and the order, not the page. */
export function queryStringOf(state: MobilityListState): string {
  return new URLSearchParams(paramsOf({ ...state, page: 1 })).toString();
}

/** The API's parameters for a state; a range given backwards is left to the API to refuse. */
export function requestOf(state: MobilityListState, pageSize: number): ListMobilities$Params {
  return {
    page: state.page,
    pageSize,
    sort: state.sort,
    ...(state.q.trim() ? { q: state.q.trim() } : {}),
    ...(state.overdue ? { overdue: state.overdue === 'true' } : {}),
    ...(state.phase ? { phase: state.phase } : {}),
    ...(state.hostCountry ? { hostCountry: state.hostCountry } : {}),
    ...(state.activityType ? { activityType: state.activityType } : {}),
    ...(state.projectId ? { projectId: state.projectId } : {}),
    ...(state.from ? { from: state.from } : {}),
    ...(state.to ? { to: state.to } : {}),
  };
}

/** Whether any filter narrows the list (the order does not). */
export function isFiltered(state: MobilityListState): boolean {
  return Object.keys(paramsOf({ ...state, sort: DEFAULT_SORT, page: 1 })).length > 0;
}

/** The order after clicking a column's header: its natural direction first (most overdue first), then the other way. */
export function toggledSort(current: MobilitySort, key: SortKey): MobilitySort {
  if (current === key) return `-${key}` as MobilitySort;
  if (current === `-${key}`) return key;
  return key === 'overdueTasks' ? '-overdueTasks' : key;
}

/** A column's aria-sort for the current order. */
export function ariaSort(current: MobilitySort, key: SortKey): 'ascending' | 'descending' | null {
  return current === key ? 'ascending' : current === `-${key}` ? 'descending' : null;
}
