import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { Api, updateProjectTask, type ProjectTaskDto, type UpdateProjectTaskDto } from '@mobility-hub/api-client';
import { toApiProblem } from '@app/core/api/problem';
import { formatDate, formatDateTime } from '@app/core/format-date';
import { Notifications } from '@app/core/notifications';

/**
 * A project's own tasks (reference §3.5): a coordinator ticks, unticks and waives them (with a
 * reason) until the final report is submitted; the final report task follows the recorded submission.
 */
@Component({
  selector: 'app-project-tasks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './project-lifecycle.css',
  template: `
    <ul class="tasks" aria-label="Project tasks">
      @for (task of tasks(); track task.id) {
        <li
          class="task"
          [class.overdue]="task.overdue"
          [class.settled]="task.status !== 'open'"
          data-testid="project-task"
        >
          <div class="task-line">
            <input
              type="checkbox"
              [id]="'ptask-' + task.id"
              [checked]="task.status === 'done'"
              [disabled]="!editable() || task.setByEvent || task.status === 'waived' || busy()"
              [attr.aria-describedby]="'ptask-meta-' + task.id"
              (change)="toggle(task, $event)"
            />
            <label [for]="'ptask-' + task.id">{{ task.title }}</label>
            @if (task.overdue) {
              <span class="badge badge-danger">Overdue</span>
            }
            @if (task.status === 'waived') {
              <span class="badge">Waived</span>
            }
          </div>
          <p class="task-meta" [id]="'ptask-meta-' + task.id">
            Due {{ formatDate(task.dueDate) }}
            @if (task.setByEvent) {
              · ticked when the submission is recorded
            }
            @if (task.statusChangedBy && task.status !== 'open') {
              · {{ task.status === 'done' ? 'done' : 'waived' }} by {{ task.statusChangedBy }},
              {{ formatDateTime(task.statusChangedAt) }}
            }
            @if (task.waiverReason) {
              · {{ task.waiverReason }}
            }
          </p>
          <div class="task-actions">
            <details>
              <summary>
                Guidance<span class="visually-hidden"> for {{ task.title }}</span>
              </summary>
              <p>{{ task.guidance }}</p>
            </details>
            @if (editable() && !task.setByEvent) {
              @if (task.status === 'waived') {
                <button
                  type="button"
                  class="btn btn-secondary"
                  [disabled]="busy()"
                  (click)="change(task, { status: 'open' })"
                >
                  Reopen<span class="visually-hidden"> {{ task.title }}</span>
                </button>
              } @else if (task.status === 'open' && waiving() !== task.id) {
                <button type="button" class="btn btn-secondary" (click)="startWaiver(task)">
                  Waive…<span class="visually-hidden"> {{ task.title }}</span>
                </button>
              }
            }
          </div>
          @if (waiving() === task.id) {
            <form class="row" novalidate (submit)="waive(task, $event)" [attr.aria-label]="'Waive ' + task.title">
              <div class="field">
                <label [for]="'pwaiver-' + task.id">Why is it not needed? (required)</label>
                <textarea
                  [id]="'pwaiver-' + task.id"
                  rows="2"
                  [value]="reason()"
                  (input)="reason.set($any($event.target).value); reasonError.set(null)"
                  [attr.aria-invalid]="reasonError() ? 'true' : null"
                ></textarea>
                @if (reasonError(); as message) {
                  <p class="field-error" role="alert">{{ message }}</p>
                }
              </div>
              <button type="submit" class="btn btn-primary" [disabled]="busy()">Waive task</button>
              <button type="button" class="btn btn-secondary" (click)="waiving.set(null)">Cancel</button>
            </form>
          }
        </li>
      } @empty {
        <li class="muted">This project has no tasks.</li>
      }
    </ul>
  `,
})
export class ProjectTasks {
  readonly projectId = input.required<string>();
  readonly tasks = input.required<readonly ProjectTaskDto[]>();
  /** A coordinator, while the report is not submitted. */
  readonly editable = input.required<boolean>();
  /** A task changed: the page reloads the project (status, next deadline) and its tasks. */
  readonly changed = output<ProjectTaskDto>();

  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;
  protected readonly busy = signal(false);
  protected readonly waiving = signal<string | null>(null);
  protected readonly reason = signal('');
  protected readonly reasonError = signal<string | null>(null);

  protected async toggle(task: ProjectTaskDto, event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    if (!(await this.change(task, { status: box.checked ? 'done' : 'open' }))) box.checked = task.status === 'done';
  }

  protected startWaiver(task: ProjectTaskDto): void {
    this.reason.set('');
    this.reasonError.set(null);
    this.waiving.set(task.id);
  }

  protected async waive(task: ProjectTaskDto, event: Event): Promise<void> {
    event.preventDefault();
    const reason = this.reason().trim();
    if (!reason) {
      this.reasonError.set('Give a reason for waiving this task.');
      return;
    }
    if (await this.change(task, { status: 'waived', waiverReason: reason })) this.waiving.set(null);
  }

  protected async change(task: ProjectTaskDto, body: UpdateProjectTaskDto): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    try {
      const updated = await this.api.invoke(updateProjectTask, { id: this.projectId(), taskId: task.id, body });
      this.changed.emit(updated);
      return true;
    } catch (error) {
      const problem = toApiProblem(error);
      this.notifications.show('error', `“${task.title}” was not changed. ${problem.detail}`);
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
