import { ScrollingModule, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { HostAnswerDto, MobilitySummaryDto } from '@mobility-hub/api-client';
import { HostDeclineFlag } from '@app/features/host-answers/host-decline-flag';
import { formatDate } from '@app/core/format-date';
import { ColumnLoader, countryName } from './board-data';

/** Height of one card slot in px (card + gap): fixed so the virtual scroller needs no measuring. */
export const CARD_SLOT_PX = 144;

/** Start fetching the next page when the first visible card is this close to the end of what is loaded. */
const PREFETCH_ITEMS = 40;

/** One pipeline column: a labelled region with its count and a virtual-scrolled list of mobility cards. */
@Component({
  selector: 'app-board-column',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ScrollingModule, RouterLink, HostDeclineFlag],
  // Arrow keys between cards: listened to on the host, where the links' keydown events bubble to.
  host: { '[class.collapsed]': '!column().expanded()', '(keydown)': 'onKeydown($event)' },
  template: `
    @let col = column();
    @let expanded = col.expanded();
    <section class="column" [attr.aria-labelledby]="id() + '-title'" [attr.aria-busy]="col.loading()">
      <header class="column-head">
        <h2 class="column-title" [id]="id() + '-title'">
          <span class="column-name">{{ col.label }}</span>
          <span class="count" data-testid="column-count">{{ countText() }}</span>
          <span class="visually-hidden">{{ countUnit() }}</span>
        </h2>
        @if (col.collapsible) {
          <button
            type="button"
            class="toggle"
            [attr.aria-expanded]="expanded"
            [attr.aria-controls]="id() + '-body'"
            (click)="col.expanded.set(!expanded)"
          >
            {{ expanded ? 'Hide' : 'Show' }}<span class="visually-hidden"> {{ col.label }} mobilities</span>
          </button>
        }
      </header>

      @if (expanded) {
        <div class="column-body" [id]="id() + '-body'">
          @if (col.error(); as error) {
            <div class="problem" role="alert">
              <p>{{ error }}</p>
              <button type="button" class="small-button" (click)="col.retry()">Try again</button>
            </div>
          }
          @if (col.items().length) {
            <cdk-virtual-scroll-viewport
              class="viewport"
              [style.block-size]="viewportHeight()"
              [itemSize]="slot"
              minBufferPx="600"
              maxBufferPx="1200"
              (scrolledIndexChange)="onScrolled($event)"
            >
              <ul class="cards" [attr.aria-label]="col.label + ' mobilities'">
                <li
                  *cdkVirtualFor="let m of col.items(); let i = index; trackBy: trackById"
                  class="slot"
                  [attr.data-index]="i"
                  [attr.aria-setsize]="col.total()"
                  [attr.aria-posinset]="i + 1"
                >
                  <article class="card" [class.is-overdue]="m.overdueTasks > 0" data-testid="mobility-card">
                    <div class="card-top">
                      <h3 class="learner">
                        <a class="card-link" [routerLink]="['/mobilities', m.id]">
                          {{ m.participant.firstName }} {{ m.participant.lastName }}
                        </a>
                      </h3>
                      @if (m.overdueTasks > 0) {
                        <span class="badge" data-testid="overdue-badge">
                          {{ m.overdueTasks }} overdue<span class="visually-hidden">
                            {{ m.overdueTasks === 1 ? 'task' : 'tasks' }}</span
                          >
                        </span>
                      }
                    </div>
                    <p class="line host">
                      @if (m.hostOrganisation; as host) {
                        <span class="visually-hidden">Host: </span>{{ host.name }}, {{ country(host.country) }}
                      } @else if (notices().get(m.id); as declined) {
                        <app-host-decline-flag [answer]="declined" />
                      } @else {
                        <span class="muted">No host organisation yet</span>
                      }
                    </p>
                    <p class="line">
                      <span class="visually-hidden">Dates: </span>
                      <time [attr.datetime]="m.startDate">{{ date(m.startDate) }}</time> –
                      <time [attr.datetime]="m.endDate">{{ date(m.endDate) }}</time>
                    </p>
                    @if (m.nextDueTask; as task) {
                      <p class="line next" data-testid="next-task"><span class="muted">Next:</span> {{ task.title }}</p>
                      <p class="line due" [class.late]="task.dueDate < today && !task.catchUp">
                        <span class="muted">Due </span
                        ><time [attr.datetime]="task.dueDate">{{ date(task.dueDate) }}</time>
                      </p>
                    } @else {
                      <p class="line muted">No open tasks</p>
                    }
                  </article>
                </li>
              </ul>
            </cdk-virtual-scroll-viewport>
          } @else if (col.loading()) {
            <p class="state">Loading…</p>
          } @else if (!col.error()) {
            <p class="state">No mobilities</p>
          }
          @if (col.hasMore()) {
            <p class="more">
              <span>{{ col.items().length }} of {{ col.total() }} shown</span>
              <button type="button" class="small-button" [disabled]="col.loading()" (click)="col.loadMore()">
                {{ col.loading() ? 'Loading…' : 'Load more' }}<span class="visually-hidden"> {{ col.label }}</span>
              </button>
            </p>
          }
        </div>
      }
    </section>
  `,
  styleUrl: './board-column.css',
})
export class BoardColumn {
  readonly column = input.required<ColumnLoader>();
  /** The project's current host declines, by mobility: the card says so instead of "No host organisation yet". */
  readonly notices = input<ReadonlyMap<string, HostAnswerDto>>(new Map());

  protected readonly slot = CARD_SLOT_PX;
  protected readonly today = new Date().toISOString().slice(0, 10);
  protected readonly date = formatDate;
  protected readonly country = countryName;
  protected readonly id = computed(() => `board-${this.column().phase}`);
  protected readonly countText = computed(() => {
    const total = this.column().total();
    return total === null ? '…' : total.toLocaleString('en-GB');
  });
  protected readonly countUnit = computed(() => {
    const total = this.column().total();
    return total === null ? 'count loading' : total === 1 ? 'mobility' : 'mobilities';
  });

  /** As tall as the cards, up to the space the screen leaves (the column scrolls beyond that). */
  protected readonly viewportHeight = computed(
    () => `min(${this.column().items().length * CARD_SLOT_PX}px, clamp(18rem, calc(100dvh - 21rem), 60rem))`,
  );

  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly injector = inject(Injector);

  constructor() {
    // The viewport measures itself once; tell it when its height follows a new number of cards.
    effect(() => {
      this.viewportHeight();
      const viewport = this.viewport();
      if (viewport) afterNextRender(() => viewport.checkViewportSize(), { injector: this.injector });
    });
  }

  protected trackById(_index: number, mobility: MobilitySummaryDto): string {
    return mobility.id;
  }

  protected onScrolled(firstVisible: number): void {
    const column = this.column();
    if (firstVisible + PREFETCH_ITEMS >= column.items().length) column.loadMore();
  }

  /** Arrow keys, Home and End move between cards, scrolling cards that are not rendered yet into view. */
  protected onKeydown(event: KeyboardEvent): void {
    const item = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    if (!item) return;
    const index = Number(item.dataset['index']);
    const count = this.column().items().length;
    const next =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? count - 1
              : -1;
    if (next < 0 || next >= count || next === index) return;
    event.preventDefault();
    this.focusCard(next);
  }

  private focusCard(index: number): void {
    const viewport = this.viewport();
    if (!viewport) return;
    const find = () => viewport.elementRef.nativeElement.querySelector<HTMLElement>(`li[data-index="${index}"] a`);
    const link = find();
    if (link) {
      link.focus();
      return;
    }
    viewport.scrollToIndex(index);
    const attempt = (left: number) =>
      requestAnimationFrame(() => {
        const found = find();
        if (found) found.focus();
        else if (left > 0) attempt(left - 1);
      });
    attempt(10);
  }
}
