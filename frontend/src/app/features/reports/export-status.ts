import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ExportDto } from '@mobility-hub/api-client';
import { ExportViolations } from './export-violations';
import { exportFileUrl, formatBytes, progressText } from './report-labels';

/** One export as it runs: a progress bar and a live text, then the held-back rows and the download (or why it failed). */
@Component({
  selector: 'app-export-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ExportViolations],
  template: `
    @let job = exportJob();
    <div class="export-status" data-testid="export-status">
      @if (job.status === 'queued' || job.status === 'running') {
        <label class="progress-label" [for]="'progress-' + job.id">Progress</label>
        <progress [id]="'progress-' + job.id" max="100" [value]="job.progress">{{ job.progress }} %</progress>
      }
      <p class="progress-text" role="status" aria-live="polite" aria-atomic="true" data-testid="export-progress">
        {{ text() }}
      </p>
      @if (job.status === 'failed') {
        <p class="failed" role="alert">The export failed: {{ job.error ?? 'no reason given' }}</p>
      }
      @if (job.status === 'done') {
        @if (job.violations.length) {
          <app-export-violations [violations]="job.violations" />
        }
        @if (job.downloadable && job.fileName) {
          <p class="download">
            <a [href]="href()" [attr.download]="job.fileName" data-testid="export-download"
              >Download {{ job.fileName }}</a
            >
            @if (job.byteSize !== null) {
              <span class="size">({{ size() }})</span>
            }
          </p>
        }
      }
    </div>
  `,
  styles: `
    .export-status {
      margin-block-start: 0.75rem;
    }
    .progress-label {
      display: block;
      font-size: 0.875rem;
      font-weight: 600;
    }
    progress {
      inline-size: 100%;
      max-inline-size: 28rem;
      block-size: 1rem;
      accent-color: var(--mh-accent);
    }
    .progress-text {
      margin: 0.25rem 0;
      color: var(--mh-muted);
    }
    .failed {
      margin: 0.5rem 0;
      color: var(--mh-danger);
      font-weight: 600;
    }
    .download {
      margin: 0.5rem 0 0;
      overflow-wrap: anywhere;
      font-weight: 600;
    }
    .size {
      margin-inline-start: 0.375rem;
      color: var(--mh-muted);
      font-weight: 400;
    }
  `,
})
export class ExportStatus {
  readonly exportJob = input.required<ExportDto>();
  protected readonly text = computed(() => progressText(this.exportJob()));
  protected readonly href = computed(() => exportFileUrl(this.exportJob().id));
  protected readonly size = computed(() => formatBytes(this.exportJob().byteSize));
}
