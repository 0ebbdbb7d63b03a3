import { computed, inject, Injectable, resource, signal } from '@angular/core';
import {
  Api,
  getMailboxMessage,
  listMailbox,
  type CaughtMailPageDto,
  type CaughtMailSummaryDto,
  type MailboxScope,
} from '@mobility-hub/api-client';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';

export const MAILBOX_PAGE_SIZE = 25;

/**
 * The Mailbox's state: the caught messages (newest first, more pages on request, new ones merged
 * in on refresh) and the message that is open. Provided by the Mailbox page.
 */
@Injectable()
export class MailboxStore {
  private readonly api = inject(Api);

  /** The search the list shows (subject and recipients). */
  readonly query = signal('');
  readonly items = signal<readonly CaughtMailSummaryDto[]>([]);
  readonly total = signal(0);
  /** First load, or a new search. */
  readonly loading = signal(false);
  readonly loadingMore = signal(false);
  readonly refreshing = signal(false);
  /** The last failure to read the list (null once a read succeeds). */
  readonly problem = signal<ApiProblem | null>(null);
  /** 404 on the list: real SMTP is configured, so nothing is caught and there is no Mailbox. */
  readonly unavailable = computed(() => this.problem()?.status === 404);
  /** 401 on the list: the Mailbox is private (each person reads their own mail) and nobody is signed in. */
  readonly signInNeeded = computed(() => this.problem()?.status === 401);
  /**
   * What the list holds, as the API said: `all` (the public demo Mailbox on one's own computer) or
   * `mine` (the mail to the signed-in person and to the organisations they coordinate); null before
   * the first answer.
   */
  readonly scope = signal<MailboxScope | null>(null);
  readonly hasMore = computed(() => this.items().length < this.total());
  readonly loaded = signal(false);

  /** The message that is open (none: nothing is read). */
  readonly openId = signal<string | null>(null);
  private readonly openMessage = resource({
    params: () => this.openId() ?? undefined,
    loader: ({ params: id }) => loadOrExplain(() => this.api.invoke(getMailboxMessage, { id })),
  });
  readonly message = computed(() => (this.openMessage.hasValue() ? this.openMessage.value() : null));
  readonly messageLoading = this.openMessage.isLoading;
  readonly messageProblem = computed(() => loadProblemOf(this.openMessage));

  private pagesLoaded = 0;
  /** Bumped by every new search: answers to an older one are dropped. */
  private generation = 0;

  /** Reads the first page for `query` and replaces the list. */
  async search(query = this.query()): Promise<void> {
    const generation = ++this.generation;
    this.query.set(query);
    this.loading.set(true);
    try {
      const page = await this.fetch(1);
      if (generation !== this.generation) return;
      this.items.set(page.items);
      this.total.set(page.total);
      this.scope.set(page.scope);
      this.pagesLoaded = 1;
      this.problem.set(null);
      this.loaded.set(true);
    } catch (error) {
      if (generation === this.generation) this.problem.set(toApiProblem(error));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  /** Appends the next page (messages already listed are not repeated). */
  async loadMore(): Promise<void> {
    if (this.loadingMore() || this.loading() || !this.hasMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    try {
      const page = await this.fetch(this.pagesLoaded + 1);
      if (generation !== this.generation) return;
      this.pagesLoaded += 1;
      this.items.update((items) => mergeAfter(items, page.items));
      this.total.set(page.total);
      this.scope.set(page.scope);
      this.problem.set(null);
    } catch (error) {
      if (generation === this.generation) this.problem.set(toApiProblem(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  /**
   * Looks for messages that arrived since the last read and puts them on top; returns how many
   * are new. When more arrived than one page holds, the list starts again from the first page.
   */
  async refresh(): Promise<number> {
    if (this.loading() || this.refreshing() || this.loadingMore()) return 0;
    if (!this.loaded()) {
      await this.search();
      return 0;
    }
    const generation = this.generation;
    this.refreshing.set(true);
    try {
      const page = await this.fetch(1);
      if (generation !== this.generation) return 0;
      const known = new Set(this.items().map((m) => m.id));
      const fresh = page.items.filter((m) => !known.has(m.id));
      const overlaps = fresh.length < page.items.length;
      if (overlaps || this.items().length === 0) {
        this.items.update((items) => [...fresh, ...items]);
      } else {
        // A whole page of news: what lies between is unknown, so show the first page afresh.
        this.items.set(page.items);
        this.pagesLoaded = 1;
      }
      this.total.set(page.total);
      this.scope.set(page.scope);
      this.problem.set(null);
      return fresh.length;
    } catch (error) {
      if (generation === this.generation) this.problem.set(toApiProblem(error));
      return 0;
    } finally {
      this.refreshing.set(false);
    }
  }

  /** Opens one message (null closes it). */
  open(id: string | null): void {
    this.openId.set(id);
  }

  private fetch(page: number): Promise<CaughtMailPageDto> {
    const q = this.query().trim();
    return this.api.invoke(listMailbox, { page, pageSize: MAILBOX_PAGE_SIZE, q: q || undefined });
  }
}

function mergeAfter(
  items: readonly CaughtMailSummaryDto[],
  more: readonly CaughtMailSummaryDto[],
): CaughtMailSummaryDto[] {
  const known = new Set(items.map((m) => m.id));
  return [...items, ...more.filter((m) => !known.has(m.id))];
}
