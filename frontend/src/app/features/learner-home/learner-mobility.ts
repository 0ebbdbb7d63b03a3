import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  resource,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  Api,
  getMobility,
  listMobilityTasks,
  updateTask,
  type MobilityDto,
  type MobilitySummaryDto,
  type TaskDto,
} from '@mobility-hub/api-client';
import {
  ACTIVITY_TYPES,
  daysBetween,
  isFinalState,
  isoDateOf,
  mayChangeTask,
  PHASES,
  taskEditBlocker,
} from '@mobility-hub/domain';
import { etagOf } from '@app/core/api/etag';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { formatDate } from '@app/core/format-date';
import { PHASE_LABELS } from '@app/core/phase-labels';

type StepState = 'done' | 'current' | 'stopped' | 'todo';

/** What a card reads: the mobility's file (with its ETag) and the learner's view of its checklist. */
interface LearnerFile {
  readonly mobility: MobilityDto;
  readonly etag: string;
  readonly tasks: readonly TaskDto[];
}

/** "in 3 days", "today", "tomorrow", "2 days ago" — from `today` to `date`. */
export function dueIn(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/**
 * One of a learner's mobilities on their start page: where it stands (the five phases as progress),
 * the next deadline that is theirs, prominently, and their checklist (their own tasks, tickable).
 * `labelled` when the learner has several: the card then starts with the sending school's name and
 * its section headings sit one level lower (plain sections then, not landmarks named alike per card).
 */
@Component({
  selector: 'app-learner-mobility',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './learner-mobility.html',
  styleUrl: './learner-mobility.css',
})
export class LearnerMobility {
  private readonly api = inject(Api);

  /** The mobility as the list gave it (the card reads its file and checklist). */
  readonly summary = input.required<MobilitySummaryDto>();
  /** Several mobilities on the page: name the school, headings one level lower. */
  readonly labelled = input(false);
  /** The card's heading when labelled (default: the sending school's name). */
  readonly heading = input<string | null>(null);

  protected readonly formatDate = formatDate;
  protected readonly phaseLabel = PHASE_LABELS;
  /** Today's date (UTC, as the API counts due dates). */
  protected readonly today = signal(isoDateOf(new Date()));

  private readonly file = resource({
    params: () => ({ id: this.summary().id }),
    loader: ({ params }) => loadOrExplain(() => this.read(params.id)),
  });
  private readonly loaded = computed(() => (this.file.hasValue() ? this.file.value() : null));
  /** The mobility as read, then as ticking tasks changes its version. */
  protected readonly mobility = linkedSignal(() => this.loaded()?.mobility ?? null);
  protected readonly tasks = linkedSignal(() => this.loaded()?.tasks ?? []);
  private readonly etag = linkedSignal(() => this.loaded()?.etag ?? null);
  protected readonly loading = this.file.isLoading;
  protected readonly loadProblem = computed(() => loadProblemOf(this.file));
  protected readonly taskProblem = signal<ApiProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');

  /** What the lead line shows before the file is read: the list's own facts. */
  protected readonly shown = computed(() => this.mobility() ?? this.summary());
  protected readonly activityLabel = computed(() => {
    const m = this.shown();
    return ACTIVITY_TYPES[m.activityType]?.label ?? m.activityType;
  });

  /** The five phases: done, current, still to come (or where it stopped, if withdrawn). */
  protected readonly steps = computed(() => {
    const m = this.mobility();
    if (!m) return [];
    const current = m.phase === 'completed' ? PHASES.length : m.phase === 'withdrawn' ? -1 : PHASES.indexOf(m.phase);
    return PHASES.map((phase, i) => ({
      phase,
      label: PHASE_LABELS[phase],
      state: (i < current ? 'done' : i === current ? 'current' : 'todo') as StepState,
    }));
  });
  protected readonly phaseNumber = computed(() => {
    const m = this.mobility();
    return m && !isFinalState(m.phase) ? PHASES.indexOf(m.phase) + 1 : null;
  });

  /** The learner's own tasks, by due date. */
  protected readonly checklist = computed(() =>
    this.tasks()
      .filter((t) => t.role === 'learner')
      .slice()
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title)),
  );
  protected readonly openCount = computed(() => this.checklist().filter((t) => t.status === 'open').length);
  protected readonly doneCount = computed(() => this.checklist().filter((t) => t.status === 'done').length);
  /** The learner's next deadline: the open task of theirs due first. */
  protected readonly nextTask = computed(() => {
    const m = this.mobility();
    if (!m || isFinalState(m.phase)) return null;
    return this.checklist().find((t) => t.status === 'open') ?? null;
  });

  load(): void {
    this.file.reload();
  }

  private async read(id: string): Promise<LearnerFile> {
    const [response, tasks] = await Promise.all([
      this.api.invoke$Response(getMobility, { id }),
      this.api.invoke(listMobilityTasks, { id }),
    ]);
    return {
      mobility: response.body,
      etag: response.headers.get('ETag') ?? etagOf(response.body.version),
      tasks,
    };
  }

  protected dueIn(date: string): string {
    return dueIn(date, this.today());
  }

  protected blocker(task: TaskDto): string | null {
    const m = this.mobility();
    if (!m) return null;
    if (task.status === 'waived') return 'Not needed (waived by your school).';
    const blocker = taskEditBlocker(m.phase, task.key);
    if (blocker) return blocker.message;
    return mayChangeTask(m.yourRole, task.role, 'done') ? null : 'Your school ticks this task.';
  }

  protected async toggleTask(task: TaskDto, event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const m = this.mobility();
    if (!m || this.busy()) {
      box.checked = task.status === 'done';
      return;
    }
    const status = box.checked ? 'done' : 'open';
    this.busy.set(true);
    this.taskProblem.set(null);
    try {
      const response = await this.api.invoke$Response(updateTask, {
        id: task.id,
        'If-Match': this.etag() ?? etagOf(m.version),
        body: { status },
      });
      const { mobilityVersion, ...updated } = response.body;
      this.tasks.update((list) => list.map((t) => (t.id === updated.id ? updated : t)));
      this.mobility.set({ ...m, version: mobilityVersion });
      this.etag.set(response.headers.get('ETag') ?? etagOf(mobilityVersion));
      this.announcement.set(`${updated.title}: ${status === 'done' ? 'done' : 'open again'}.`);
    } catch (error) {
      box.checked = task.status === 'done';
      this.taskProblem.set(toApiProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
