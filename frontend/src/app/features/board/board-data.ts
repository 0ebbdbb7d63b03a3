import { computed, signal, type WritableSignal } from '@angular/core';
import { Api, listMobilities, type ListMobilities$Params, type MobilitySummaryDto } from '@mobility-hub/api-client';
import { FINAL_STATES, PHASES, type MobilityState } from '@mobility-hub/domain';
import { toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { PHASE_LABELS } from '@app/core/phase-labels';

/** The API's largest page: one request fills a column for most projects. */
export const BOARD_PAGE_SIZE = 500;

/** The board's columns, in pipeline order: the five phases, then the two final states. */
export const BOARD_COLUMNS: readonly MobilityState[] = [...PHASES, ...FINAL_STATES];

export const COLUMN_LABELS: Readonly<Record<MobilityState, string>> = PHASE_LABELS;

/** The board's filters, exactly as they go into the query string (absent = not filtered). */
export interface BoardFilters {
  readonly hostOrganisationId?: string;
  readonly overdue?: true;
  readonly q?: string;
}

/** "Title: detail" of a problem, without repeating a detail that only restates the title. */
export function problemMessage(problem: ApiProblem): string {
  return problem.detail && problem.detail !== problem.title ? `${problem.title}: ${problem.detail}` : problem.title;
}

/**
 * One column's data: the first page (or just the total while collapsed), then further pages on demand.
 * Answers to an older request (filters changed meanwhile) are dropped.
 */
export class ColumnLoader {
  readonly label: string;
  readonly collapsible: boolean;
  readonly expanded: WritableSignal<boolean>;

  readonly items = signal<readonly MobilitySummaryDto[]>([]);
  readonly total = signal<number | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  /** More items exist on the server than are loaded here. */
  readonly hasMore = computed(() => {
    const total = this.total();
    return this.expanded() && total !== null && this.items().length < total;
  });

  private generation = 0;
  private key = '';
  private pagesLoaded = 0;
  private projectId = '';
  private filters: BoardFilters = {};

  constructor(
    private readonly api: Api,
    readonly phase: MobilityState,
  ) {
    this.label = COLUMN_LABELS[phase];
    this.collapsible = (FINAL_STATES as readonly string[]).includes(phase);
    this.expanded = signal(!this.collapsible);
  }

  /** (Re)loads for these filters; a collapsed column only asks for its total. */
  load(projectId: string, filters: BoardFilters): void {
    const key = JSON.stringify([projectId, filters]);
    const expanded = this.expanded();
    if (key === this.key && !this.error() && (this.pagesLoaded > 0 || !expanded)) {
      return; // Same question already answered (e.g. collapsing a loaded column).
    }
    this.key = key;
    this.projectId = projectId;
    this.filters = filters;
    this.pagesLoaded = 0;
    this.items.set([]);
    void this.fetch(1, expanded ? BOARD_PAGE_SIZE : 1);
  }

  /** Fetches the next page, unless one is on its way or everything is here. */
  loadMore(): void {
    if (this.loading() || !this.hasMore() || this.pagesLoaded === 0) return;
    void this.fetch(this.pagesLoaded + 1, BOARD_PAGE_SIZE);
  }

  retry(): void {
    if (this.pagesLoaded > 0) {
      this.loadMore();
    } else {
      this.key = '';
      this.load(this.projectId, this.filters);
    }
  }

  private async fetch(page: number, pageSize: number): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    const params: ListMobilities$Params = {
      projectId: this.projectId,
      phase: this.phase,
      ...this.filters,
      page,
      pageSize,
    };
    try {
      const result = await this.api.invoke(listMobilities, params);
      if (generation !== this.generation) return;
      this.total.set(result.total);
      if (pageSize === BOARD_PAGE_SIZE) {
        this.pagesLoaded = page;
        this.items.update((items) => (page === 1 ? result.items : [...items, ...result.items]));
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.error.set(problemMessage(toApiProblem(error)));
      if (page === 1) this.total.set(null);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }
}

let regionNames: Intl.DisplayNames | null | undefined;

/** "DE" → "Germany"; the code itself when the runtime does not know it. */
export function countryName(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  try {
    return regionNames?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
