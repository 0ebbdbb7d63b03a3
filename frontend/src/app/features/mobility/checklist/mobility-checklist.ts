import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  untracked,
} from '@angular/core';
import type { TaskDto } from '@mobility-hub/api-client';
import { addDays, isPhase, mayChangeTask, PHASES, taskEditBlocker, type Phase } from '@mobility-hub/domain';
import { injectFocus } from '@app/core/dom/focus';
import { formatDate } from '@app/core/format-date';
import { roleLabel, stateLabel } from '@app/features/mobility/labels';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';
import { WaiveTaskForm } from './waive-task-form/waive-task-form';

/** Where a phase stands against the mobility's current phase. */
export type GroupPlace = 'current' | 'earlier' | 'later';

/** Open tasks due within this many days are "due this week". */
const SOON_DAYS = 7;

/** Today's date where the browser is, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The checklist by phase, as far as the role sees it (the sending side all of it, a mentor the host's
 * tasks, a learner their own), what matters now first: the open tasks overdue or due this week, then
 * the current phase open; the phases after it as a preview and those before it folded with their
 * completion (each opens on demand). Tick and untick what the role may, waive (with a reason) and
 * reopen a waived task on the sending side.
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
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly formatDate = formatDate;
  protected readonly roleLabel = roleLabel;

  /** The task whose waiver form is open. */
  protected readonly waiving = signal<TaskDto | null>(null);
  /** Phases opened or closed by hand (otherwise the current phase is open, the others closed). */
  private readonly toggled = signal<Partial<Record<Phase, boolean>>>({});
  /** Today, for "due this week" (the API says what is overdue). */
  private readonly today = signal(localToday());

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

  /** The phase the mobility is in (none once completed or withdrawn). */
  private readonly current = computed(() => {
    const phase = this.store.mobility()?.phase;
    return phase && isPhase(phase) ? phase : null;
  });

  /** The open tasks overdue or due within a week, soonest first. */
  protected readonly attention = computed(() => {
    if (this.store.isFinal()) return [];
    const soon = addDays(this.today(), SOON_DAYS);
    return this.store
      .tasks()
      .filter((t) => t.status === 'open' && (t.overdue || t.dueDate <= soon))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  });

  /** The phases with tasks: the current one first, then those still to come, then those done with. */
  protected readonly groups = computed(() => {
    const current = this.current();
    const at = current ? PHASES.indexOf(current) : PHASES.length;
    const groups = PHASES.map((phase, index) => {
      const tasks = this.store.tasks().filter((t) => t.phase === phase);
      const place: GroupPlace = index === at ? 'current' : index < at ? 'earlier' : 'later';
      return {
        phase,
        label: stateLabel(phase),
        place,
        tasks,
        settled: tasks.filter((t) => t.status !== 'open').length,
        overdue: tasks.filter((t) => t.overdue).length,
        firstDue: tasks.find((t) => t.status === 'open')?.dueDate ?? null,
      };
    }).filter((g) => g.tasks.length > 0);
    const rank: Record<GroupPlace, number> = { current: 0, later: 1, earlier: 2 };
    return groups.sort((a, b) => rank[a.place] - rank[b.place]);
  });

  constructor() {
    // A link to a task opens its phase and moves the focus to it.
    effect(() => {
      const shown = this.store.shownTask();
      if (!shown) return;
      const task = untracked(() => this.store.tasks().find((t) => t.id === shown.taskId));
      if (!task) return;
      untracked(() => this.toggled.update((t) => ({ ...t, [task.phase]: true })));
      // Its checkbox, or the task itself when it cannot be ticked here (it is then focusable by script only).
      afterNextRender(
        () => {
          const box = this.host.nativeElement.querySelector<HTMLInputElement>(`#task-${task.id}`);
          const target =
            box && !box.disabled ? box : this.host.nativeElement.querySelector<HTMLElement>(`#task-item-${task.id}`);
          // (optional: not every environment scrolls, e.g. jsdom)
          target?.scrollIntoView?.({ block: 'center' });
          target?.focus();
        },
        { injector: this.injector },
      );
    });
  }

  protected isOpen(phase: Phase, place: GroupPlace): boolean {
    return this.toggled()[phase] ?? place === 'current';
  }

  protected toggle(phase: Phase, place: GroupPlace): void {
    const open = this.isOpen(phase, place);
    this.toggled.update((t) => ({ ...t, [phase]: !open }));
  }

  protected show(task: TaskDto, event: Event): void {
    event.preventDefault();
    this.store.showTask(task.id);
  }

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

  protected async tick(task: TaskDto, event: Event): Promise<void> {
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
