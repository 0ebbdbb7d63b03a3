import { ChangeDetectionStrategy, Component, computed, effect, inject, input, resource, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  Api,
  listOutbox,
  retryOutboxMessage,
  type ListOutbox$Params,
  type OutboxMessageDto,
} from '@mobility-hub/api-client';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { loadOrExplain, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { MAIL_KIND_LABELS, OUTBOX_STATUS_LABELS } from '@app/core/mail-labels';
import { Notifications } from '@app/core/notifications';
import { pollWhileVisible } from '@app/core/poll';
import { formatDateTime } from '@app/core/format-date';

export const OUTBOX_PAGE_SIZE = 25;
const FILTER_DEBOUNCE_MS = 400;

export type OutboxFilter = '' | 'pending' | 'sent' | 'failed' | 'cancelled';

export const OUTBOX_FILTERS: readonly { readonly value: OutboxFilter; readonly label: string }[] = [
  { value: '', label: 'All' },
  { value: 'pending', label: 'Pending (not sent yet)' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** The coordinator's view of every e-mail the app writes: filter by status and recipient, retry failures. */
@Component({
  selector: 'app-outbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './outbox-page.html',
  styles: `
    .subject {
      overflow-wrap: anywhere;
    }
    .sub {
      display: block;
      color: var(--mh-muted);
      font-size: 0.8125rem;
      font-weight: 400;
      overflow-wrap: anywhere;
    }
    .status-failed {
      background: var(--mh-danger) !important;
      color: var(--mh-surface) !important;
    }
    .error {
      margin: 0.25rem 0 0;
      color: var(--mh-danger);
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
    }
    .problem {
      margin: 0.75rem 0;
      padding: 0.75rem 1rem;
      border: 1px solid var(--mh-danger);
      border-inline-start-width: 4px;
      border-radius: var(--mh-radius);
    }
    .problem p {
      margin: 0 0 0.5rem;
    }
    .scope {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      margin: 0 0 0.5rem;
    }
  `,
})
export class OutboxPage {
  /** From the query parameter `mobility`: only the e-mails of this mobility. */
  readonly mobility = input<string>();

  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);

  protected readonly filters = OUTBOX_FILTERS;
  protected readonly kindLabel = MAIL_KIND_LABELS;
  protected readonly statusLabel = OUTBOX_STATUS_LABELS;
  protected readonly formatDateTime = formatDateTime;

  protected readonly status = signal<OutboxFilter>('');
  protected readonly recipient = signal('');
  protected readonly page = signal(1);
  private readonly recipientFilter = toSignal(
    toObservable(this.recipient).pipe(debounceTime(FILTER_DEBOUNCE_MS), distinctUntilChanged()),
    { initialValue: '' },
  );

  protected readonly outbox = resource({
    params: (): ListOutbox$Params => ({
      page: this.page(),
      pageSize: OUTBOX_PAGE_SIZE,
      status: this.status() || undefined,
      recipient: this.recipientFilter().trim() || undefined,
      mobilityId: this.mobility() || undefined,
    }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(listOutbox, params)),
  });
  protected readonly items = computed(() => (this.outbox.hasValue() ? this.outbox.value().items : []));
  protected readonly total = computed(() => (this.outbox.hasValue() ? this.outbox.value().total : 0));
  protected readonly pageCount = computed(() => Math.max(1, Math.ceil(this.total() / OUTBOX_PAGE_SIZE)));
  protected readonly filtered = computed(() => !!(this.status() || this.recipientFilter().trim() || this.mobility()));

  /** The message being retried, and the last refusal. */
  protected readonly retrying = signal<string | null>(null);
  protected readonly retryProblem = signal<ApiProblem | null>(null);

  constructor() {
    effect(() => {
      const error = this.outbox.error();
      if (error) this.notifications.show('error', `The outbox could not be loaded. ${error.message}`);
    });
    // Pending mail goes out within seconds: keep the list current without a click.
    pollWhileVisible(() => {
      if (this.outbox.status() === 'resolved') this.outbox.reload();
    });
  }

  protected setStatus(value: string): void {
    this.status.set(value as OutboxFilter);
    this.page.set(1);
  }

  protected setRecipient(value: string): void {
    this.recipient.set(value);
    this.page.set(1);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected async retry(message: OutboxMessageDto): Promise<void> {
    if (this.retrying()) return;
    this.retrying.set(message.id);
    this.retryProblem.set(null);
    try {
      await this.api.invoke(retryOutboxMessage, { id: message.id });
      this.notifications.show('info', `The e-mail to ${message.recipientEmail} will be sent again.`);
      this.outbox.reload();
    } catch (error) {
      this.retryProblem.set(toApiProblem(error));
      this.outbox.reload();
    } finally {
      this.retrying.set(null);
    }
  }
}
