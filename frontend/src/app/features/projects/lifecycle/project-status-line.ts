import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ProjectDto } from '@mobility-hub/api-client';
import { formatDate } from '@app/core/format-date';
import { PROJECT_STATUS_LABELS } from './project-labels';

/** A project's status, next deadline and warnings, in a few lines (the projects list). */
@Component({
  selector: 'app-project-status-line',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './project-lifecycle.css',
  template: `
    @let p = project();
    <p class="status-line" data-testid="project-status">
      <span class="status-badge" [attr.data-status]="p.status">{{ labels[p.status] }}</span>
      @if (p.nextDeadline; as next) {
        <span [class.overdue-text]="next.overdue">
          Next: {{ next.title }} — {{ next.overdue ? 'overdue since' : 'due' }}
          <time [attr.datetime]="next.dueDate">{{ formatDate(next.dueDate) }}</time>
        </span>
      } @else if (p.status === 'submitted') {
        <span
          >Submitted <time [attr.datetime]="p.reportSubmittedOn">{{ formatDate(p.reportSubmittedOn) }}</time></span
        >
      } @else if (p.status === 'closed') {
        <span
          >Closed <time [attr.datetime]="p.closedOn">{{ formatDate(p.closedOn) }}</time></span
        >
      }
    </p>
    @for (w of p.warnings; track w.code) {
      <p class="warning" data-testid="project-warning"><strong>Note:</strong> {{ w.message }}</p>
    }
  `,
})
export class ProjectStatusLine {
  readonly project = input.required<ProjectDto>();
  protected readonly labels = PROJECT_STATUS_LABELS;
  protected readonly formatDate = formatDate;
}
