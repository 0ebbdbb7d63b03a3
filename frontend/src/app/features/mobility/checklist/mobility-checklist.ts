import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { TaskDto } from '@mobility-hub/api-client';
import { mayChangeTask, PHASES, taskEditBlocker } from '@mobility-hub/domain';
import { injectFocus } from '@app/core/dom/focus';
import { formatDate } from '@app/core/format-date';
import { roleLabel, stateLabel } from '@app/features/mobility/labels';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';
import { WaiveTaskForm } from './waive-task-form/waive-task-form';

/**
 * The checklist by phase, as far as the role sees it (the sending side all of it, a mentor the host's
 * tasks, a learner their own): tick and untick what the role may, waive (with a reason) and reopen a
 * waived task on the sending side.
 */
@Component({
  selector: 'app-mobility-checklist',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WaiveTaskForm],
  templateUrl: './mobility-checklist.html',
  styleUrls: ['../mobility.css', './mobility-checklist.css'],
})
export class MobilityChecklist {
  protected readonly store = inject(MobilityFileStore);
  private readonly focus = injectFocus();

  protected readonly formatDate = formatDate;
  protected readonly roleLabel = roleLabel;

  /** The task whose waiver form is open. */
  protected readonly waiving = signal<TaskDto | null>(null);

  protected readonly heading = computed(() =>
    this.store.sendingSide() ? 'Checklist' : this.store.role() === 'mentor' ? 'The host’s tasks' : 'Your tasks',
  );

  /** The task's date as its reader needs it: a catch-up task's date had passed when the file was planned. */
  protected dueText(task: { dueDate: string; catchUp: boolean }): string {
    return task.catchUp
      ? `Was due ${this.formatDate(task.dueDate)}, before this mobility was planned`
      : `Due ${this.formatDate(task.dueDate)}`;
  }

  /** Open tasks whose date had passed when the mobility was planned: not late, reminded once. */
  protected readonly catchUpCount = computed(() => this.store.tasks().filter((t) => t.catchUp).length);
  protected readonly groups = computed(() =>
    PHASES.map((phase) => {
      const tasks = this.store.tasks().filter((t) => t.phase === phase);
      return {
        phase,
        label: stateLabel(phase),
        tasks,
        settled: tasks.filter((t) => t.status !== 'open').length,
      };
    }).filter((g) => g.tasks.length > 0),
  );

  /** Whether the role may tick (or untick) this task. */
  protected mayTick(task: TaskDto): boolean {
    const role = this.store.role();
    return role !== null && mayChangeTask(role, task.role, 'done');
  }

  /** Whether the role may waive this task (the sending side only). */
  protected mayWaive(task: TaskDto): boolean {
    const role = this.store.role();
    return role !== null && mayChangeTask(role, task.role, 'waived');
  }

  /** Why the task cannot change in this phase (e.g. the host confirmation follows the host's answer), or null. */
  protected blocker(task: TaskDto): string | null {
    const m = this.store.mobility();
    return m ? (taskEditBlocker(m.phase, task.key)?.message ?? null) : null;
  }

  protected async toggle(task: TaskDto, event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const ok = await this.store.changeTask(task, { status: box.checked ? 'done' : 'open' });
    if (!ok) box.checked = task.status === 'done';
  }

  protected async reopen(task: TaskDto): Promise<void> {
    await this.store.changeTask(task, { status: 'open' });
  }

  /** The waiver form closed: cancelled (focus back on its button) or the task waived. */
  protected closeWaiver(task: TaskDto, waived: boolean): void {
    this.waiving.set(null);
    if (!waived) this.focus(`waive-${task.id}`);
  }
}
