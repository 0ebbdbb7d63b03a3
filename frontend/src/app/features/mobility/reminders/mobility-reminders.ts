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
import { RouterLink } from '@angular/router';
import { Api, listMobilityReminders } from '@mobility-hub/api-client';
import { loadOrExplain } from '@app/core/api/problem';
import { formatDate, formatDateTime } from '@app/core/format-date';
import { MAIL_KIND_LABELS, OCCASION_LABELS, sentReminderOutcome } from '@app/core/mail-labels';

/** How many rows each list shows before "Show all". */
export const REMINDERS_SHOWN = 6;

/**
 * The reminders of one mobility: what goes out next (and when, and to whom) and what already went
 * out. Reads again whenever `version` changes — ticking a task or new dates re-plan them.
 */
@Component({
  selector: 'app-mobility-reminders',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './mobility-reminders.html',
  styles: `
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.25rem;
    }
    h3 {
      margin: 1rem 0 0.5rem;
      font-size: 1.0625rem;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: baseline;
      justify-content: space-between;
    }
    .muted {
      color: var(--mh-muted);
    }
    .small {
      font-size: 0.875rem;
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
    .badge {
      padding: 0 0.5rem;
      border-radius: 999px;
      background: var(--mh-accent-soft);
      font-size: 0.75rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .badge-muted {
      background: var(--mh-surface-hover);
      color: var(--mh-muted);
    }
    button {
      font: inherit;
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
    .more {
      margin-block-start: 0.5rem;
    }
    .problem {
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--mh-danger);
      border-inline-start-width: 4px;
      border-radius: var(--mh-radius);
    }
  `,
})
export class MobilityReminders {
  readonly mobilityId = input.required<string>();
  /** The mobility's version: a new one means the plan may have changed. */
  readonly version = input<number>(0);

  private readonly api = inject(Api);

  /** Read again whenever the mobility's version changes (or on Refresh); kept on screen while reading. */
  protected readonly reminders = resource({
    params: () => this.mobilityId(),
    loader: ({ params: id }) => loadOrExplain(() => this.api.invoke(listMobilityReminders, { id })),
  });
  protected readonly showAllPlanned = signal(false);
  protected readonly showAllSent = signal(false);

  protected readonly kindLabel = MAIL_KIND_LABELS;
  protected readonly occasionLabel = OCCASION_LABELS;
  protected readonly outcome = sentReminderOutcome;
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;
  protected readonly shown = REMINDERS_SHOWN;

  protected readonly planned = computed(() => {
    const all = this.reminders.hasValue() ? this.reminders.value().planned : [];
    return this.showAllPlanned() ? all : all.slice(0, REMINDERS_SHOWN);
  });
  protected readonly sent = computed(() => {
    const all = this.reminders.hasValue() ? this.reminders.value().sent : [];
    return this.showAllSent() ? all : all.slice(0, REMINDERS_SHOWN);
  });

  constructor() {
    // A new version (a task ticked, new dates) may have re-planned them: read again, keeping the list on screen.
    let seen: number | undefined;
    effect(() => {
      const version = this.version();
      if (seen !== undefined && version !== seen) untracked(() => this.reminders.reload());
      seen = version;
    });
  }
}
