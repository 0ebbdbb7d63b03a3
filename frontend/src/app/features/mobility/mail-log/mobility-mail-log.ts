import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  resource,
  signal,
  untracked,
} from '@angular/core';
import { Api, listMobilityMail } from '@mobility-hub/api-client';
import { loadOrExplain } from '@app/core/api/problem';
import { formatDateTime } from '@app/core/format-date';
import { MAIL_KIND_LABELS, OUTBOX_STATUS_LABELS } from '@app/core/mail-labels';

/** How many e-mails the log shows before "Show all". */
export const MAIL_LOG_SHOWN = 8;

/**
 * The mobility's mail log: every e-mail about it — reminders (also those listing several
 * mobilities), requests, guardian mail — to whom, what, when, in one list, newest first.
 */
@Component({
  selector: 'app-mobility-mail-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mobility-mail-log.html',
  styles: `
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.25rem;
    }
    .muted {
      color: var(--mh-muted);
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
      font-size: 0.875rem;
    }
    th,
    td {
      padding: 0.375rem 0.5rem;
      text-align: start;
      vertical-align: top;
      border-block-end: 1px solid var(--mh-border);
    }
    thead th {
      color: var(--mh-muted);
      font-size: 0.75rem;
      text-transform: uppercase;
      letter-spacing: 0.03em;
      white-space: nowrap;
    }
    tbody th {
      font-weight: 500;
    }
    .who {
      overflow-wrap: anywhere;
    }
    ul {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.1rem;
    }
    button {
      font: inherit;
      min-block-size: 44px;
      padding: 0.25rem 0.75rem;
      border: 1px solid var(--mh-border);
      border-radius: var(--mh-radius);
      background: var(--mh-surface);
      color: var(--mh-text);
      cursor: pointer;
    }
    button:hover {
      background: var(--mh-surface-hover);
    }
    .problem {
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--mh-danger);
      border-inline-start-width: 4px;
      border-radius: var(--mh-radius);
    }
  `,
})
export class MobilityMailLog {
  readonly mobilityId = input.required<string>();
  /** The mobility's version: a change may have written or cancelled mail. */
  readonly version = input<number>(0);

  private readonly api = inject(Api);

  protected readonly mail = resource({
    params: () => this.mobilityId(),
    loader: ({ params: id }) => loadOrExplain(() => this.api.invoke(listMobilityMail, { id })),
  });
  protected readonly showAll = signal(false);
  protected readonly total = computed(() => (this.mail.hasValue() ? this.mail.value().length : 0));
  protected readonly entries = computed(() => {
    const all = this.mail.hasValue() ? this.mail.value() : [];
    return this.showAll() ? all : all.slice(0, MAIL_LOG_SHOWN);
  });
  protected readonly kindLabel = MAIL_KIND_LABELS;
  protected readonly statusLabel = OUTBOX_STATUS_LABELS;
  protected readonly formatDateTime = formatDateTime;
  protected readonly shown = MAIL_LOG_SHOWN;

  constructor() {
    let seen: number | undefined;
    effect(() => {
      const version = this.version();
      if (seen !== undefined && version !== seen) untracked(() => this.mail.reload());
      seen = version;
    });
  }
}
