import { DestroyRef, inject, InjectionToken, signal } from '@angular/core';
import { toApiProblem, type ApiProblem } from '@app/core/api/problem';

/** How often a running export or import is asked for its progress; specs set it to a few milliseconds. */
export const JOB_POLL_MS = new InjectionToken<number>('JOB_POLL_MS', { factory: () => 700 });

/** What exports and imports have in common: a status that ends in done or failed. */
export interface JobLike {
  readonly id: string;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
}

/** Failed reads of a running job's state tried again before the page says it lost track. */
const MAX_READ_RETRIES = 6;

export const jobFinished = (job: JobLike): boolean => job.status === 'done' || job.status === 'failed';

/**
 * Follows one worker job: `start` sends the request that creates it, then `read` is called every
 * JOB_POLL_MS until the job is done or failed, or the component is destroyed (the page is left).
 * One job at a time: starting another forgets the first. Must be created in an injection context.
 */
export class JobTracker<T extends JobLike> {
  readonly job = signal<T | null>(null);
  /** The request that created the job failed (nothing was started). */
  readonly problem = signal<ApiProblem | null>(null);
  /**
   * The job was started, but asking for its state kept failing (network, server restart): it may
   * still finish — the page says so instead of claiming that nothing happened.
   */
  readonly lostTrack = signal<ApiProblem | null>(null);
  readonly busy = signal(false);

  private readonly intervalMs = inject(JOB_POLL_MS);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private destroyed = false;

  constructor(
    private readonly read: (id: string) => Promise<T>,
    private readonly onFinished: (job: T) => void = () => undefined,
  ) {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      clearTimeout(this.timer);
    });
  }

  /** Sends `create`; resolves with the finished job, or null when it was replaced, refused or the page left. */
  async start(create: () => Promise<T>): Promise<T | null> {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    this.problem.set(null);
    this.lostTrack.set(null);
    this.job.set(null);
    this.busy.set(true);
    let job: T;
    try {
      job = await create();
    } catch (error) {
      if (generation === this.generation) {
        this.problem.set(toApiProblem(error));
        this.busy.set(false);
      }
      return null;
    }
    try {
      while (generation === this.generation && !this.destroyed) {
        this.job.set(job);
        if (jobFinished(job)) {
          this.busy.set(false);
          this.onFinished(job);
          return job;
        }
        await new Promise<void>((resolve) => (this.timer = setTimeout(resolve, this.intervalMs)));
        if (generation !== this.generation || this.destroyed) break;
        job = await this.readPatiently(job.id, generation);
      }
      return null;
    } catch (error) {
      if (generation === this.generation) {
        this.lostTrack.set(toApiProblem(error));
        this.busy.set(false);
      }
      return null;
    }
  }

  /** One read, tried again after a failure with a growing pause (about a minute in all) before giving up. */
  private async readPatiently(id: string, generation: number): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.read(id);
      } catch (error) {
        if (attempt >= MAX_READ_RETRIES || generation !== this.generation || this.destroyed) throw error;
        const pause = Math.min(this.intervalMs * 2 ** (attempt + 1), 15 * this.intervalMs);
        await new Promise<void>((resolve) => (this.timer = setTimeout(resolve, pause)));
      }
    }
  }

  /** Forgets the job (a new upload, another choice). */
  reset(): void {
    clearTimeout(this.timer);
    this.generation++;
    this.job.set(null);
    this.problem.set(null);
    this.lostTrack.set(null);
    this.busy.set(false);
  }
}
