import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api, listMobilityReminders, type MobilityRemindersDto } from '@mobility-hub/api-client';
import { toApiProblem, type ApiProblem } from '../../core/api/problem';
import { formatDate } from '../../core/format-date';
import { MAIL_KIND_LABELS, OCCASION_LABELS, sentReminderOutcome } from '../../core/mail-labels';
import { formatDateTime } from './labels';

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

  protected readonly reminders = signal<MobilityRemindersDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly showAllPlanned = signal(false);
  protected readonly showAllSent = signal(false);

  protected readonly kindLabel = MAIL_KIND_LABELS;
  protected readonly occasionLabel = OCCASION_LABELS;
  protected readonly outcome = sentReminderOutcome;
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;
  protected readonly shown = REMINDERS_SHOWN;
  /** Only the answer to the latest read counts. */
  private request = 0;

  protected readonly planned = computed(() => {
    const all = this.reminders()?.planned ?? [];
    return this.showAllPlanned() ? all : all.slice(0, REMINDERS_SHOWN);
  });
  protected readonly sent = computed(() => {
    const all = this.reminders()?.sent ?? [];
    return this.showAllSent() ? all : all.slice(0, REMINDERS_SHOWN);
  });

  constructor() {
    effect(() => {
      const id = this.mobilityId();
      this.version();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id = this.mobilityId()): Promise<void> {
    const request = ++this.request;
    this.loading.set(true);
    try {
      const reminders = await this.api.invoke(listMobilityReminders, { id });
      if (request !== this.request) return;
      this.reminders.set(reminders);
      this.problem.set(null);
    } catch (error) {
      if (request === this.request) this.problem.set(toApiProblem(error));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}
