import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { Api, createExport, getExport, type ExportDto } from '@mobility-hub/api-client';
import { JobTracker } from './job-poll';
import { ExportStatus } from './export-status';
import { ProblemSummary } from './problem-summary';
import {
  DELIMITER_OPTIONS,
  FORMAT_LABELS,
  KIND_LABELS,
  type CsvDelimiter,
  type ExportFormat,
  type ExportKind,
} from './report-labels';

const FORMATS: Readonly<Record<ExportKind, readonly ExportFormat[]>> = {
  'final-report': ['xlsx', 'csv', 'pdf'],
  'bm-mobilities': ['xlsx', 'csv'],
};

/** One kind of export: what it contains, a button per format, the CSV separator, and the export it started. */
@Component({
  selector: 'app-export-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ExportStatus, ProblemSummary],
  template: `
    <section class="panel" [attr.aria-labelledby]="id() + '-heading'">
      <h3 class="panel-title" [id]="id() + '-heading'">{{ title() }}</h3>
      <ng-content />
      <div class="export-actions">
        <div class="formats" role="group" [attr.aria-label]="title() + ': formats'">
          @for (format of formats(); track format) {
            <button
              type="button"
              class="btn btn-primary"
              [disabled]="tracker.busy()"
              [attr.aria-label]="title() + ' as ' + formatLabels[format]"
              (click)="start(format)"
            >
              {{ formatLabels[format] }}
            </button>
          }
        </div>
        <div class="delimiter">
          <label [for]="id() + '-delimiter'">CSV separator</label>
          <select [id]="id() + '-delimiter'" [formControl]="delimiter">
            @for (option of delimiters; track option.value) {
              <option [ngValue]="option.value">{{ option.label }}</option>
            }
          </select>
        </div>
      </div>
      @if (tracker.problem(); as problem) {
        <app-problem-summary [problem]="problem" heading="The export could not be started:" />
      }
      @if (tracker.lostTrack()) {
        <p class="form-alert" role="alert">
          The page lost contact with the server: the export goes on. It appears under Earlier exports when it is done.
        </p>
      }
      @if (tracker.job(); as job) {
        <app-export-status [exportJob]="job" />
      }
    </section>
  `,
  styles: `
    .panel-title {
      margin: 0 0 0.5rem;
      font-size: 1.125rem;
    }
    .export-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem 1.5rem;
    }
    .formats {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .delimiter {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      font-size: 0.875rem;
    }
    .delimiter label {
      font-weight: 600;
    }
    .delimiter select {
      font: inherit;
      min-block-size: 2.5rem;
      padding: 0.375rem 0.5rem;
      border: 1px solid var(--mh-muted);
      border-radius: 0.375rem;
      background: var(--mh-surface);
      color: var(--mh-text);
    }
  `,
})
export class ExportPanel {
  readonly projectId = input.required<string>();
  readonly kind = input.required<ExportKind>();
  /** An export finished (done or failed): the list of earlier exports reloads. */
  readonly finished = output<ExportDto>();

  private readonly api = inject(Api);
  protected readonly tracker = new JobTracker<ExportDto>(
    (id) => this.api.invoke(getExport, { id }),
    (job) => this.finished.emit(job),
  );
  protected readonly formatLabels = FORMAT_LABELS;
  protected readonly delimiters = DELIMITER_OPTIONS;
  protected readonly delimiter = new FormControl<CsvDelimiter>(';', { nonNullable: true });

  protected readonly id = computed(() => `export-${this.kind()}`);
  protected readonly title = computed(() => KIND_LABELS[this.kind()]);
  protected readonly formats = computed(() => FORMATS[this.kind()]);

  protected start(format: ExportFormat): void {
    const body = {
      kind: this.kind(),
      format,
      ...(format === 'csv' ? { delimiter: this.delimiter.value } : {}),
    };
    void this.tracker.start(() => this.api.invoke(createExport, { id: this.projectId(), body }));
  }
}
