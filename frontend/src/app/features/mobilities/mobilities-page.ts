import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  linkedSignal,
  resource,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Api, listMobilities, listProjects, type MobilityPageDto } from '@mobility-hub/api-client';
import { ACTIVITY_TYPES, countryName, countryOptions, MOBILITY_STATES } from '@mobility-hub/domain';
import { loadOrExplain } from '@app/core/api/problem';
import { formatDate } from '@app/core/format-date';
import { Notifications } from '@app/core/notifications';
import { PHASE_LABELS } from '@app/core/phase-labels';
import {
  ariaSort,
  EMPTY_STATE,
  isFiltered,
  type MobilityListState,
  paramsOf,
  queryStringOf,
  requestOf,
  SORT_OPTIONS,
  type SortKey,
  stateFromParams,
  toggledSort,
} from './mobility-list-query';
import { SavedFilters } from './saved-filters';

export const MOBILITIES_PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;

/**
 * Every mobility the person may see, filtered (overdue, phase, host country, activity, project,
 * dates, free text), sorted and paged. The filters live in the URL: a reload, a link or a saved
 * filter (SavedFilters) shows the same list. A table on wide screens, cards on a phone.
 */
@Component({
  selector: 'app-mobilities-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SavedFilters],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './mobilities-page.html',
  styleUrl: './mobilities-page.css',
})
export class MobilitiesPage {
  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly phaseLabel = PHASE_LABELS;
  protected readonly phases = MOBILITY_STATES;
  protected readonly activityTypes = Object.values(ACTIVITY_TYPES);
  protected readonly countries = countryOptions();
  protected readonly countryName = countryName;
  protected readonly sortOptions = SORT_OPTIONS;
  protected readonly formatDate = formatDate;
  protected readonly ariaSort = ariaSort;
  protected readonly activityTypesLabel = (code: keyof typeof ACTIVITY_TYPES) => ACTIVITY_TYPES[code].label;

  private readonly queryParams = toSignal(this.route.queryParamMap, { requireSync: true });
  /** The list's state, read from the URL. */
  protected readonly state = computed(() => stateFromParams((name) => this.queryParams().get(name)));
  protected readonly queryString = computed(() => queryStringOf(this.state()));
  protected readonly filtered = computed(() => isFiltered(this.state()));
  /** How many filters narrow the list (shown on the folded filter panel). */
  protected readonly filterCount = computed(
    () => Object.keys(paramsOf({ ...this.state(), sort: EMPTY_STATE.sort, page: 1 })).length,
  );
  /** The filters are open on a wide screen, folded on a phone (the list comes first there). */
  protected readonly filtersOpen = typeof matchMedia === 'function' ? matchMedia('(min-width: 48rem)').matches : true;
  /** The search box as typed; it reaches the URL after a pause in typing. */
  protected readonly search = signal(this.state().q);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly projects = resource({
    loader: () => loadOrExplain(() => this.api.invoke(listProjects, { pageSize: 500 })),
  });
  protected readonly projectOptions = computed(() =>
    this.projects.hasValue() ? [...this.projects.value().items].sort((a, b) => a.title.localeCompare(b.title)) : [],
  );

  protected readonly mobilities = resource({
    params: () => requestOf(this.state(), MOBILITIES_PAGE_SIZE),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(listMobilities, params)),
  });
  /** The last page loaded: kept on screen while the next one loads, so that nothing jumps. */
  private readonly shown = linkedSignal<
    { readonly page: MobilityPageDto | undefined; readonly failed: boolean },
    MobilityPageDto | undefined
  >({
    source: () => ({
      page: this.mobilities.hasValue() ? this.mobilities.value() : undefined,
      failed: !!this.mobilities.error(),
    }),
    computation: ({ page, failed }, previous) => (failed ? undefined : (page ?? previous?.value)),
  });
  protected readonly items = computed(() => this.shown()?.items ?? []);
  protected readonly total = computed(() => this.shown()?.total ?? 0);
  protected readonly pageCount = computed(() => Math.max(1, Math.ceil(this.total() / MOBILITIES_PAGE_SIZE)));
  protected readonly rangeBackwards = computed(() => {
    const { from, to } = this.state();
    return !!from && !!to && to < from;
  });

  constructor() {
    effect(() => {
      const error = this.mobilities.error();
      if (error && !this.rangeBackwards()) {
        this.notifications.show('error', `Mobilities could not be loaded. ${error.message}`);
      }
    });
  }

  /** Changes one filter (back to the first page). */
  protected set<K extends keyof MobilityListState>(key: K, value: MobilityListState[K]): void {
    this.go({ ...this.state(), [key]: value, page: 1 });
  }

  protected onSearch(value: string): void {
    this.search.set(value);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.set('q', value), SEARCH_DEBOUNCE_MS);
  }

  protected sortBy(key: SortKey): void {
    this.set('sort', toggledSort(this.state().sort, key));
  }

  protected goTo(page: number): void {
    this.go({ ...this.state(), page: Math.min(Math.max(1, page), this.pageCount()) });
  }

  protected clear(): void {
    this.search.set('');
    this.go({ ...EMPTY_STATE, sort: this.state().sort });
  }

  /** Applies a saved filter (its query string). */
  protected applySaved(query: string): void {
    const params = new URLSearchParams(query);
    const state = stateFromParams((name) => params.get(name));
    this.search.set(state.q);
    this.go(state);
  }

  private go(state: MobilityListState): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: paramsOf(state), replaceUrl: true });
  }
}
