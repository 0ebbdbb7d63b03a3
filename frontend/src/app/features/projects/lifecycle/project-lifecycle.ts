import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  resource,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import {
  Api,
  getProject,
  listProjectTasks,
  recordProjectEvent,
  updateProject,
  type ProjectDto,
} from '@mobility-hub/api-client';
import type { ProjectEventType } from '@mobility-hub/domain';
import { loadOrExplain, toApiProblem } from '@app/core/api/problem';
import { FormErrors } from '@app/core/forms/form-errors';
import { formatDate } from '@app/core/format-date';
import { Notifications } from '@app/core/notifications';
import { PROJECT_EVENT_LABELS, PROJECT_STATUS_LABELS, statusExplanation } from './project-labels';
import { ProjectStatusLine } from './project-status-line';
import { ProjectTasks } from './project-tasks';

type Field = 'on' | 'interimReportDueDate';

/**
 * The project's own lifecycle on the project page: its status, what a coordinator records (the final
 * report submitted in the BM, the NA's decision), the interim report date of an accredited project,
 * the programme warnings and the project's tasks.
 */
@Component({
  selector: 'app-project-lifecycle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ProjectStatusLine, ProjectTasks],
  templateUrl: './project-lifecycle.html',
  styleUrl: './project-lifecycle.css',
})
export class ProjectLifecycle {
  /** The project as the page loaded it; `changed` hands back the new one after a record. */
  readonly project = input.required<ProjectDto>();
  readonly changed = output<ProjectDto>();

  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);
  protected readonly statusLabels = PROJECT_STATUS_LABELS;
  protected readonly eventLabels = PROJECT_EVENT_LABELS;
  protected readonly explain = statusExplanation;
  protected readonly formatDate = formatDate;

  protected readonly tasksResource = resource({
    params: () => ({ id: this.project().id }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(listProjectTasks, params)),
  });
  protected readonly tasks = computed(() => (this.tasksResource.hasValue() ? this.tasksResource.value() : []));
  protected readonly editable = computed(() => {
    const p = this.project();
    return p.canManage && (p.status === 'running' || p.status === 'reporting');
  });
  protected readonly showInterim = computed(() => {
    const p = this.project();
    return p.action === 'KA121-VET' && (p.interimReportDueDate !== null || this.editable());
  });

  protected readonly form = new FormGroup({
    on: new FormControl('', { nonNullable: true }),
    interimReportDueDate: new FormControl('', { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  private readonly formErrors = new FormErrors<Field>(['on', 'interimReportDueDate'], {
    on: {},
    interimReportDueDate: {},
  });
  protected readonly errors = this.formErrors.messages;

  constructor() {
    // The form follows the project as loaded: the interim date it has, today's date for a record.
    effect(() => {
      this.form.controls.interimReportDueDate.setValue(this.project().interimReportDueDate ?? '');
    });
  }

  protected async record(type: ProjectEventType): Promise<void> {
    const on = this.form.controls.on.value || undefined;
    await this.run(
      () => this.api.invoke(recordProjectEvent, { id: this.project().id, body: { type, ...(on ? { on } : {}) } }),
      `${this.eventLabels[type]}: recorded.`,
    );
  }

  protected async saveInterim(clear = false): Promise<void> {
    const value = clear ? null : this.form.controls.interimReportDueDate.value || null;
    await this.run(
      () => this.api.invoke(updateProject, { id: this.project().id, body: { interimReportDueDate: value } }),
      value ? `Interim report due ${formatDate(value)}.` : 'No interim report.',
    );
  }

  /** A task changed: the status line and next deadline follow. */
  protected async taskChanged(): Promise<void> {
    this.tasksResource.reload();
    try {
      this.changed.emit(await this.api.invoke(getProject, { id: this.project().id }));
    } catch {
      // The task changed; the status line stays as it was until the page is reloaded.
    }
  }

  private async run(call: () => Promise<ProjectDto>, done: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.formErrors.clear();
    try {
      this.changed.emit(await call());
      this.tasksResource.reload();
      this.form.controls.on.setValue('');
      this.notifications.show('info', done);
    } catch (error) {
      const problem = toApiProblem(error);
      if (this.formErrors.report(problem).elsewhere) this.notifications.show('error', problem.detail);
    } finally {
      this.busy.set(false);
    }
  }
}
