import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  resource,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { MobilityState } from '@mobility-hub/domain';
import { RouterLink } from '@angular/router';
import {
  Api,
  getProject,
  listHostAnswerNotices,
  listOrganisations,
  type HostAnswerDto,
  type OrganisationDto,
  type ProjectDto,
} from '@mobility-hub/api-client';
import { loadOrExplain, loadProblemOf } from '@app/core/api/problem';
import { formatDate } from '@app/core/format-date';
import { ProjectLifecycle } from '@app/features/projects/lifecycle/project-lifecycle';
import { BoardColumn } from './board-column';
import { BOARD_COLUMNS, BOARD_PAGE_SIZE, ColumnLoader, problemMessage, type BoardFilters } from './board-data';

/** Typing pauses this long before the search goes to the API. */
export const SEARCH_DEBOUNCE_MS = 300;

/** At most this many pages of organisations feed the host filter. */
const MAX_ORGANISATION_PAGES = 10;

function sameFilters(a: BoardFilters, b: BoardFilters): boolean {
  return a.hostOrganisationId === b.hostOrganisationId && a.overdue === b.overdue && a.q === b.q;
}

/** The pipeline board of one project: a column per phase, filtered on the server, virtual-scrolled. */
@Component({
  selector: 'app-board-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, BoardColumn, ProjectLifecycle],
  templateUrl: './board-page.html',
  styleUrl: './board-page.css',
})
export class BoardPage {
  /** From the route parameter `:projectId` (component input binding). */
  readonly projectId = input.required<string>();

  private readonly api = inject(Api);

  protected readonly columns = BOARD_COLUMNS.map((phase) => new ColumnLoader(this.api, phase));

  private readonly projectResource = resource({
    params: () => ({ id: this.projectId() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getProject, params)),
  });
  protected readonly project = computed(() => (this.projectResource.hasValue() ? this.projectResource.value() : null));
  protected readonly projectProblem = computed(() => loadProblemOf(this.projectResource));
  protected readonly projectError = computed(() => {
    const problem = this.projectProblem();
    return problem ? problemMessage(problem) : null;
  });
  protected readonly notFound = computed(() => this.projectProblem()?.status === 404);
  /** The project's lifecycle panel recorded something: its status, deadlines and header follow. */
  protected projectChanged(project: ProjectDto): void {
    this.projectResource.set(project);
  }

  /** The project's hosts that declined with no other host chosen since, by mobility (a card notice). */
  private readonly noticesResource = resource({
    params: () => ({ projectId: this.projectId() }),
    loader: ({ params }) => this.api.invoke(listHostAnswerNotices, params),
  });
  protected readonly declines = computed<ReadonlyMap<string, HostAnswerDto>>(
    () =>
      new Map(
        (this.noticesResource.hasValue() ? this.noticesResource.value() : [])
          .filter((a) => a.answer === 'declined')
          .map((a) => [a.mobilityId, a]),
      ),
  );

  /** Every organisation the person sees, by name: the host filter's options. */
  private readonly hostsResource = resource({ loader: () => loadOrExplain(() => this.readHosts()) });
  protected readonly hosts = computed(() => (this.hostsResource.hasValue() ? this.hostsResource.value() : []));
  protected readonly hostsError = computed(() => {
    const problem = loadProblemOf(this.hostsResource);
    return problem ? problemMessage(problem) : null;
  });

  protected readonly hostId = signal('');
  protected readonly overdueOnly = signal(false);
  /** What is in the search box; `query` follows it after the debounce. */
  protected readonly searchText = signal('');
  private readonly query = signal('');
  private debounce: ReturnType<typeof setTimeout> | undefined;

  readonly filters = computed<BoardFilters>(
    () => {
      const hostOrganisationId = this.hostId() || undefined;
      const q = this.query() || undefined;
      return {
        ...(hostOrganisationId ? { hostOrganisationId } : {}),
        ...(this.overdueOnly() ? { overdue: true as const } : {}),
        ...(q ? { q } : {}),
      };
    },
    { equal: sameFilters },
  );
  protected readonly filtered = computed(() => Object.keys(this.filters()).length > 0 || this.searchText() !== '');

  protected readonly dates = computed(() => {
    const project = this.project();
    return project ? `${formatDate(project.startDate)} – ${formatDate(project.endDate)}` : '';
  });

  /** Announced politely once every column has its count. */
  protected readonly summary = computed(() => {
    if (this.columns.some((c) => c.total() === null && c.loading())) return 'Loading mobilities…';
    const counted = this.columns.filter((c) => c.total() !== null);
    const total = counted.reduce((sum, c) => sum + (c.total() ?? 0), 0);
    const noun = total === 1 ? 'mobility' : 'mobilities';
    return `${total.toLocaleString('en-GB')} ${noun}${Object.keys(this.filters()).length ? ' match the filters' : ''}`;
  });
  protected readonly breakdown = computed(() =>
    this.columns
      .filter((c) => c.total() !== null)
      .map((c) => `${c.label} ${c.total()}`)
      .join(', '),
  );

  private readonly board = viewChild<ElementRef<HTMLElement>>('board');
  /** The phases whose column is (mostly) on screen in the board's scroller. */
  protected readonly inView = signal<ReadonlySet<MobilityState>>(new Set(), {
    equal: (a, b) => a.size === b.size && [...a].every((phase) => b.has(phase)),
  });
  /** More columns hidden to the right / left of the scroller (the cue's shadows). */
  protected readonly canRight = signal(false);
  protected readonly canLeft = signal(false);

  constructor() {
    // The cue follows the board's width (window, sidebar) and its columns (collapsed or shown).
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const board = this.board()?.nativeElement;
      if (!board || typeof ResizeObserver === 'undefined') return this.measure();
      const observer = new ResizeObserver(() => this.measure());
      observer.observe(board);
      for (const child of Array.from(board.children)) observer.observe(child);
      destroyRef.onDestroy(() => observer.disconnect());
    });
    for (const column of this.columns) {
      effect(() => {
        const projectId = this.projectId();
        const filters = this.filters();
        column.expanded(); // expanding a final-state column loads its cards
        untracked(() => column.load(projectId, filters));
      });
    }
    inject(DestroyRef).onDestroy(() => clearTimeout(this.debounce));
  }

  /** Reads which columns the scroller shows now. */
  measure(): void {
    const board = this.board()?.nativeElement;
    if (!board) return;
    const frame = board.getBoundingClientRect();
    const shown = new Set<MobilityState>();
    for (const child of Array.from(board.children) as HTMLElement[]) {
      const box = child.getBoundingClientRect();
      const visible = Math.min(box.right, frame.right) - Math.max(box.left, frame.left);
      if (box.width > 0 && visible >= box.width * 0.6) shown.add(child.dataset['phase'] as MobilityState);
    }
    this.inView.set(shown);
    this.canLeft.set(board.scrollLeft > 1);
    this.canRight.set(board.scrollLeft + board.clientWidth < board.scrollWidth - 1);
  }

  /** Brings a phase's column into view (from the phase bar). */
  protected showColumn(phase: MobilityState): void {
    const column = this.board()?.nativeElement.querySelector<HTMLElement>(`[data-phase="${phase}"]`);
    column?.scrollIntoView({ inline: 'start', block: 'nearest', behavior: 'smooth' });
  }

  protected onHost(event: Event): void {
    this.hostId.set((event.target as HTMLSelectElement).value);
  }

  protected onOverdue(event: Event): void {
    this.overdueOnly.set((event.target as HTMLInputElement).checked);
  }

  protected onSearch(event: Event): void {
    this.searchText.set((event.target as HTMLInputElement).value);
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.query.set(this.searchText().trim()), SEARCH_DEBOUNCE_MS);
  }

  /** Enter in the search box searches at once. */
  protected searchNow(event: Event): void {
    event.preventDefault();
    clearTimeout(this.debounce);
    this.query.set(this.searchText().trim());
  }

  protected clearFilters(): void {
    clearTimeout(this.debounce);
    this.hostId.set('');
    this.overdueOnly.set(false);
    this.searchText.set('');
    this.query.set('');
  }

  protected retryProject(): void {
    this.projectResource.reload();
    if (this.hostsError()) this.hostsResource.reload();
  }

  private async readHosts(): Promise<OrganisationDto[]> {
    const all: OrganisationDto[] = [];
    for (let page = 1; page <= MAX_ORGANISATION_PAGES; page++) {
      const result = await this.api.invoke(listOrganisations, { page, pageSize: BOARD_PAGE_SIZE });
      all.push(...result.items);
      if (all.length >= result.total || result.items.length === 0) break;
    }
    return all.sort((a, b) => a.name.localeCompare(b.name));
  }
}
