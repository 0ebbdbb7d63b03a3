import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ImportDto } from '@mobility-hub/api-client';
import { formatDate } from '@app/core/format-date';

const ACTION_LABELS = {
  create: 'Create',
  duplicate: 'Already in the project — skipped',
  error: 'Error',
} as const;

/** The dry run's verdict on every row: a summary that jumps to the first bad row, then the table. */
@Component({
  selector: 'app-import-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="import-summary" [class.has-errors]="invalid() > 0" data-testid="import-summary">
      {{ summaryText() }}
      @if (firstBad(); as row) {
        — fix the file and upload it again.
        <a [href]="'#import-row-' + row" (click)="jump($event, row)">Go to the first row with errors (row {{ row }})</a>
      }
    </p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Rows of the file">
      <table class="data-table" data-testid="import-rows">
        <caption class="visually-hidden">
          Every row of
          {{
            importJob().fileName
          }}
          and what the import does with it
        </caption>
        <thead>
          <tr>
            <th scope="col" class="num">Row</th>
            <th scope="col">Participant</th>
            <th scope="col">Activity</th>
            <th scope="col">Dates</th>
            <th scope="col">Host</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          @for (r of rows(); track r.row) {
            <tr [id]="'import-row-' + r.row" [class.row-error]="r.action === 'error'" tabindex="-1">
              <th scope="row" class="num">{{ r.row }}</th>
              <td data-label="Participant">
                {{ r.participant || '—' }}
                @if (r.newPerson) {
                  <span class="tag">new person</span>
                }
              </td>
              <td class="nowrap" data-label="Activity">{{ r.activityType ?? '—' }}</td>
              <td class="dates" data-label="Dates">{{ r.dates }}</td>
              <td data-label="Host">
                {{ r.host ?? '—' }}
                @if (r.newHost) {
                  <span class="tag">new host</span>
                }
              </td>
              <td data-label="Action">
                @if (r.action === 'error') {
                  <strong class="error-label"><span aria-hidden="true">⚠ </span>Error</strong>
                  <ul class="cell-errors">
                    @for (e of r.errors; track $index) {
                      <li>
                        <strong>{{ e.column }}</strong
                        >: {{ e.message }}
                      </li>
                    }
                  </ul>
                } @else {
                  {{ r.actionLabel }}
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    /* Keeps visually hidden text inside the scrolling box (else it widens the page). */
    .table-wrap {
      position: relative;
    }
    .import-summary {
      margin: 0 0 0.75rem;
      padding: 0.625rem 0.875rem;
      border-inline-start: 4px solid var(--mh-success);
      background: var(--mh-surface-hover);
      font-weight: 600;
    }
    .import-summary.has-errors {
      border-inline-start-color: var(--mh-danger);
    }
    .row-error {
      box-shadow: inset 4px 0 0 var(--mh-danger);
    }
    .row-error:focus {
      outline: 3px solid var(--mh-focus);
      outline-offset: -3px;
    }
    .error-label {
      color: var(--mh-danger);
    }
    .cell-errors {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.125rem;
      font-size: 0.875rem;
      min-inline-size: 14rem;
    }
    .tag {
      display: inline-block;
      margin-inline-start: 0.375rem;
      padding: 0 0.375rem;
      border-radius: 999px;
      background: var(--mh-accent-soft);
      color: var(--mh-text);
      font-size: 0.75rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .dates,
    .nowrap {
      white-space: nowrap;
    }
    /* A phone: each row becomes a card (label: value), so a row's errors are seen without scrolling sideways. */
    @media (max-width: 40rem) {
      table,
      tbody,
      tr,
      th[scope='row'],
      td {
        display: block;
      }
      thead {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      tr {
        padding: 0.5rem 0.75rem;
        border-block-end: 1px solid var(--mh-border);
      }
      th[scope='row']::before {
        content: 'Row ';
      }
      .data-table th[scope='row'].num {
        padding: 0;
        border: 0;
        text-align: start;
      }
      td {
        padding: 0.125rem 0;
        border: 0;
      }
      td::before {
        content: attr(data-label) ': ';
        font-weight: 600;
      }
      .dates,
      .nowrap {
        white-space: normal;
      }
      .cell-errors {
        min-inline-size: 0;
      }
    }
  `,
})
export class ImportReport {
  readonly importJob = input.required<ImportDto>();

  protected readonly rows = computed(() =>
    this.importJob().report.map((r) => ({
      ...r,
      dates: r.startDate || r.endDate ? `${formatDate(r.startDate)} – ${formatDate(r.endDate)}` : '—',
      actionLabel: ACTION_LABELS[r.action],
    })),
  );
  protected readonly invalid = computed(() => this.importJob().report.filter((r) => r.action === 'error').length);
  protected readonly firstBad = computed(() => this.importJob().report.find((r) => r.action === 'error')?.row ?? null);

  protected readonly summaryText = computed(() => {
    const report = this.importJob().report;
    const ready = report.filter((r) => r.action === 'create').length;
    const duplicates = report.filter((r) => r.action === 'duplicate').length;
    const parts = [`${ready} ready`];
    if (duplicates) parts.push(`${duplicates} already in the project`);
    parts.push(`${this.invalid()} with errors`);
    return `${report.length} ${report.length === 1 ? 'row' : 'rows'}: ${parts.join(', ')}`;
  });

  /** Moves the focus (not only the scroll) to the row, so keyboard and screen-reader users land there. */
  protected jump(event: Event, row: number): void {
    const target = document.getElementById(`import-row-${row}`);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView?.({ block: 'center' });
    target.focus();
  }
}
