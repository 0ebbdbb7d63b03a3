import { computed, effect, inject, Injectable, resource, signal, untracked } from '@angular/core';
import {
  migrateMobilityChecklist,
  Api,
  getMobility,
  getMobilityHistory,
  listMobilityTasks,
  recordMobilityInsurance,
  recordParticipantReport,
  sendMobilityEvent,
  updateMobility,
  updateTask,
  type LifecycleEventDto,
  type MobilityDto,
  type RecordInsuranceDto,
  type RecordParticipantReportDto,
  type TaskDto,
  type UpdateMobilityDto,
  type UpdateTaskDto,
} from '@mobility-hub/api-client';
import { isSendingSide } from '@mobility-hub/domain';
import { etagOf } from '@app/core/api/etag';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { Notifications } from '@app/core/notifications';
import type { MobilityEventType } from './labels';

/** One mobility as the page shows it: the record, its ETag, its checklist and (sending side only) its history. */
export interface MobilityFile {
  readonly mobility: MobilityDto;
  /** The ETag of the mobility as last read; sent back in If-Match. */
  readonly etag: string;
  readonly tasks: readonly TaskDto[];
  readonly history: readonly LifecycleEventDto[];
}

/** What INTERRUPT carries besides its reason. */
export interface InterruptionFields {
  readonly actualEndDate: string;
  readonly forceMajeure: boolean;
}

/** What became of a lifecycle event. */
export type EventOutcome =
  | { readonly kind: 'done'; readonly mobility: MobilityDto }
  | { readonly kind: 'refused'; readonly problem: ApiProblem }
  | { readonly kind: 'failed' };

/** What became of an edit: saved, or a problem the form should show at its fields (a stale version is handled here). */
export type EditOutcome =
  | { readonly kind: 'saved'; readonly mobility: MobilityDto }
  | { readonly kind: 'problem'; readonly problem: ApiProblem }
  | { readonly kind: 'failed' };

/** The API's answer to a changed mobility: someone else changed it since it was read. */
export function isStale(problem: ApiProblem): boolean {
  return problem.code === 'stale-version';
}

/**
 * The state of one mobility file, shared by the page and its parts (provided by the page): read once
 * with `resource()`, changed through the commands below, which send the current ETag in If-Match and
 * keep the file in step with the API's answers.
 */
@Injectable()
export class MobilityFileStore {
  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);

  /** The mobility to show (the page's route parameter). */
  readonly mobilityId = signal<string | undefined>(undefined);

  readonly file = resource({
    params: () => this.mobilityId(),
    loader: ({ params }) => this.read(params),
  });

  readonly mobility = computed(() => (this.file.hasValue() ? this.file.value().mobility : null));
  readonly tasks = computed(() => (this.file.hasValue() ? this.file.value().tasks : []));
  readonly history = computed(() => (this.file.hasValue() ? this.file.value().history : []));
  readonly loadProblem = computed(() => loadProblemOf(this.file));

  /** What the signed-in person is to this mobility. */
  readonly role = computed(() => this.mobility()?.yourRole ?? null);
  /** The school's coordinators and staff: edit, reminders, history, waivers, every lifecycle event of theirs. */
  readonly sendingSide = computed(() => {
    const role = this.role();
    return role !== null && isSendingSide(role);
  });
  readonly isFinal = computed(() => {
    const phase = this.mobility()?.phase;
    return phase === 'completed' || phase === 'withdrawn';
  });

  /** Changes under way or waiting for their turn: they go one at a time, each with the ETag the one before left. */
  private readonly running = signal(0);
  private turn: Promise<unknown> = Promise.resolve();
  /** A change is under way: a lifecycle event or an edit is not started meanwhile (a task change waits its turn). */
  readonly busy = computed(() => this.running() > 0);
  /** Polite announcements of what just happened. */
  readonly announcement = signal('');
  /** A change that failed for a reason that belongs to no form. */
  readonly actionProblem = signal<ApiProblem | null>(null);
  /**
   * The task someone asked to see (a link in "still needed" or "needs attention"): the checklist opens
   * its phase and moves the focus to it. A new object each time, so that asking twice works.
   */
  readonly shownTask = signal<{ readonly taskId: string } | null>(null);
  /** Counts the reloads asked for, so that the parts can forget what they showed about the old version. */
  readonly reloads = signal(0);
  private announceReload = false;

  constructor() {
    effect(() => {
      if (this.file.status() !== 'resolved' || !untracked(() => this.announceReload)) return;
      this.announceReload = false;
      this.announcement.set('Mobility reloaded.');
    });
  }

  /** Shows a task of the checklist: its phase opened, the focus on it. */
  showTask(taskId: string): void {
    this.shownTask.set({ taskId });
  }

  /** The task of the checklist with this key that a link should lead to: an open one first. */
  taskByKey(key: string): TaskDto | null {
    const tasks = this.tasks().filter((t) => t.key === key);
    return tasks.find((t) => t.status === 'open') ?? tasks[0] ?? null;
  }

  /** Reads the whole file again (after a 412, or "Try again"). */
  reload(): void {
    this.actionProblem.set(null);
    this.announceReload = true;
    this.reloads.update((n) => n + 1);
    this.file.reload();
  }

  /**
   * Ticks, unticks, waives or reopens a task; true when the API took it. Ticking several boxes in a
   * row is fine: each change waits for the one before (and its new version) instead of being lost.
   */
  changeTask(task: TaskDto, body: UpdateTaskDto): Promise<boolean> {
    return this.inTurn(async () => {
      this.actionProblem.set(null);
      try {
        const response = await this.api.invoke$Response(updateTask, { id: task.id, 'If-Match': this.etag(), body });
        const { mobilityVersion, ...updated } = response.body;
        this.patch((f) => ({
          ...f,
          mobility: { ...f.mobility, version: mobilityVersion },
          etag: response.headers.get('ETag') ?? etagOf(mobilityVersion),
          tasks: f.tasks.map((t) => (t.id === updated.id ? updated : t)),
        }));
        this.announcement.set(`${updated.title}: ${statusWord(updated.status)}.`);
        // The lifecycle's allowed events and the counts depend on the checklist.
        await this.refreshMobility();
        return true;
      } catch (error) {
        this.handleProblem(toApiProblem(error));
        return false;
      }
    });
  }

  /**
   * Sends a lifecycle event. `keepFile: false` when the person has no part in the mobility afterwards
   * (a host declining): then the file is not read again.
   */
  async sendEvent(
    type: MobilityEventType,
    reason?: string,
    keepFile = true,
    interruption?: InterruptionFields,
  ): Promise<EventOutcome> {
    const m = this.mobility();
    if (!m || this.busy()) return { kind: 'failed' };
    return this.inTurn(() => this.postEvent(m, type, reason, keepFile, interruption));
  }

  private async postEvent(
    m: MobilityDto,
    type: MobilityEventType,
    reason: string | undefined,
    keepFile: boolean,
    interruption?: InterruptionFields,
  ): Promise<EventOutcome> {
    try {
      const response = await this.api.invoke$Response(sendMobilityEvent, {
        id: m.id,
        'If-Match': this.etag(),
        body: { type, ...(reason ? { reason } : {}), ...(interruption ?? {}) },
      });
      if (keepFile) {
        this.setMobility(response.body, response.headers.get('ETag'));
        await this.refreshChecklistAndHistory();
      }
      return { kind: 'done', mobility: response.body };
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.code === 'lifecycle-refused' && problem.unmet.length > 0) return { kind: 'refused', problem };
      this.handleProblem(problem);
      return { kind: 'failed' };
    }
  }

  /** Changes dates, host, mentor or travel (PATCH with only the fields that change). */
  async update(body: UpdateMobilityDto): Promise<EditOutcome> {
    const m = this.mobility();
    if (!m || this.busy()) return { kind: 'failed' };
    return this.inTurn(() => this.patchMobility(m, body));
  }

  private async patchMobility(m: MobilityDto, body: UpdateMobilityDto): Promise<EditOutcome> {
    try {
      const response = await this.api.invoke$Response(updateMobility, { id: m.id, 'If-Match': this.etag(), body });
      this.setMobility(response.body, response.headers.get('ETag'));
      await this.refreshChecklistAndHistory();
      return { kind: 'saved', mobility: response.body };
    } catch (error) {
      const problem = toApiProblem(error);
      if (isStale(problem)) {
        this.handleProblem(problem);
        return { kind: 'failed' };
      }
      return { kind: 'problem', problem };
    }
  }

  /** Records the insurance covers (PUT, replacing what was recorded). */
  recordInsurance(body: RecordInsuranceDto): Promise<EditOutcome> {
    const m = this.mobility();
    if (!m || this.busy()) return Promise.resolve({ kind: 'failed' });
    return this.inTurn(() =>
      this.record(() => this.api.invoke$Response(recordMobilityInsurance, { id: m.id, 'If-Match': this.etag(), body })),
    );
  }

  /** Records a step of the participant report (requested, re-sent, undelivered, submitted, excluded). */
  recordParticipantReport(body: RecordParticipantReportDto): Promise<EditOutcome> {
    const m = this.mobility();
    if (!m || this.busy()) return Promise.resolve({ kind: 'failed' });
    return this.inTurn(() =>
      this.record(() => this.api.invoke$Response(recordParticipantReport, { id: m.id, 'If-Match': this.etag(), body })),
    );
  }

  private async record(
    call: () => Promise<{ body: MobilityDto; headers: { get(name: string): string | null } }>,
  ): Promise<EditOutcome> {
    try {
      const response = await call();
      this.setMobility(response.body, response.headers.get('ETag'));
      await this.refreshChecklistAndHistory();
      return { kind: 'saved', mobility: response.body };
    } catch (error) {
      const problem = toApiProblem(error);
      if (isStale(problem)) {
        this.handleProblem(problem);
        return { kind: 'failed' };
      }
      return { kind: 'problem', problem };
    }
  }

  /** Moves the mobility to the current checklist version (POST …/checklist-migration); true when it moved. */
  async migrateChecklist(): Promise<boolean> {
    const m = this.mobility();
    if (!m || this.busy()) return false;
    return this.inTurn(async () => {
      try {
        const response = await this.api.invoke$Response(migrateMobilityChecklist, {
          id: m.id,
          'If-Match': this.etag(),
        });
        this.setMobility(response.body, response.headers.get('ETag'));
        await this.refreshChecklistAndHistory();
        return true;
      } catch (error) {
        this.handleProblem(toApiProblem(error));
        return false;
      }
    });
  }

  /** A stale version offers to reload; anything else is shown on the page. */
  handleProblem(problem: ApiProblem): void {
    if (isStale(problem)) {
      this.notifications.show(
        'error',
        'Someone else changed this mobility in the meantime. Reload it to see the latest version.',
        { label: 'Reload', run: () => this.reload() },
      );
      return;
    }
    this.actionProblem.set(problem);
  }

  /** Runs a change after those before it; `busy` until the last one is done. */
  private inTurn<T>(change: () => Promise<T>): Promise<T> {
    this.running.update((n) => n + 1);
    const done = this.turn.then(change).finally(() => this.running.update((n) => n - 1));
    this.turn = done.catch(() => undefined);
    return done;
  }

  private etag(): string | undefined {
    return this.file.hasValue() ? this.file.value().etag : undefined;
  }

  /** Reads the mobility and its checklist, then — for the sending side, who may read it — its history. */
  private read(id: string): Promise<MobilityFile> {
    return loadOrExplain(async () => {
      const [response, tasks] = await Promise.all([
        this.api.invoke$Response(getMobility, { id }),
        this.api.invoke(listMobilityTasks, { id }),
      ]);
      const mobility = response.body;
      const history = isSendingSide(mobility.yourRole) ? await this.api.invoke(getMobilityHistory, { id }) : [];
      return { mobility, etag: response.headers.get('ETag') ?? etagOf(mobility.version), tasks, history };
    });
  }

  private patch(change: (file: MobilityFile) => MobilityFile): void {
    if (this.file.hasValue()) this.file.set(change(this.file.value()));
  }

  private setMobility(mobility: MobilityDto, etag: string | null): void {
    this.patch((f) => ({ ...f, mobility, etag: etag ?? etagOf(mobility.version) }));
  }

  private async refreshMobility(): Promise<void> {
    const m = this.mobility();
    if (!m) return;
    try {
      const response = await this.api.invoke$Response(getMobility, { id: m.id });
      this.setMobility(response.body, response.headers.get('ETag'));
    } catch (error) {
      this.handleProblem(toApiProblem(error));
    }
  }

  private async refreshChecklistAndHistory(): Promise<void> {
    const m = this.mobility();
    if (!m) return;
    try {
      const [tasks, history] = await Promise.all([
        this.api.invoke(listMobilityTasks, { id: m.id }),
        this.sendingSide() ? this.api.invoke(getMobilityHistory, { id: m.id }) : Promise.resolve([]),
      ]);
      this.patch((f) => ({ ...f, tasks, history }));
    } catch (error) {
      this.handleProblem(toApiProblem(error));
    }
  }
}

function statusWord(status: TaskDto['status']): string {
  return status === 'done' ? 'done' : status === 'waived' ? 'waived' : 'open again';
}
