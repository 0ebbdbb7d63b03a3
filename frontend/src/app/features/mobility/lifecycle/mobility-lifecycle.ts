import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { EVENTS_REQUIRING_REASON, nextPhase, PHASES, previousPhase } from '@mobility-hub/domain';
import type { ApiProblem } from '@app/core/api/problem';
import { injectFocus } from '@app/core/dom/focus';
import { Notifications } from '@app/core/notifications';
import type { UnmetConditionDto } from '@mobility-hub/api-client';
import { eventLabel, type MobilityEventType, ruleMessage, stateLabel } from '@app/features/mobility/labels';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';
import { MobilityInterrupt } from '@app/features/mobility/interrupt/mobility-interrupt';

/**
 * The lifecycle events the signed-in person may send now (the sending side's "Lifecycle", the host's
 * "Your answer"): a button each, a reason asked first where the event needs one, and what is still
 * missing when the API refuses an event.
 */
@Component({
  selector: 'app-mobility-lifecycle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MobilityInterrupt],
  templateUrl: './mobility-lifecycle.html',
  styleUrl: '../mobility.css',
})
export class MobilityLifecycle {
  protected readonly store = inject(MobilityFileStore);
  private readonly notifications = inject(Notifications);
  private readonly router = inject(Router);
  private readonly focus = injectFocus();

  protected readonly refusal = signal<{ event: MobilityEventType; problem: ApiProblem } | null>(null);
  protected readonly reasonFor = signal<MobilityEventType | null>(null);
  protected readonly reason = signal('');
  protected readonly reasonError = signal<string | null>(null);
  /** The interruption form is open (INTERRUPT asks for its own fields). */
  protected readonly interrupting = signal(false);

  /**
   * The events the machine accepts now and the role may send, and — for the sending side — ADVANCE
   * always while the mobility is under way: pressing it when it is refused shows what is still missing.
   */
  protected readonly eventButtons = computed<MobilityEventType[]>(() => {
    const m = this.store.mobility();
    if (!m || this.store.isFinal()) return [];
    const allowed = m.allowedEvents as MobilityEventType[];
    return allowed.includes('ADVANCE') || !this.store.sendingSide() ? allowed : ['ADVANCE', ...allowed];
  });

  /** What still stops ADVANCE now, as the file says before anyone presses the button. */
  protected readonly advanceNeeded = computed(() => this.neededItems(this.store.mobility()?.advanceUnmet ?? []));

  /** "To move to Implementation, still needed:" (or "To complete the mobility, …"). */
  protected readonly advanceHeading = computed(() => {
    const phase = this.store.mobility()?.phase;
    const next = isPhaseName(phase) ? nextPhase(phase) : null;
    return next ? `To move to ${stateLabel(next)}, still needed:` : 'To complete the mobility, still needed:';
  });

  /** The refused event's unmet conditions, as links where a task settles them. */
  protected readonly refusalNeeded = computed(() => this.neededItems(this.refusal()?.problem.unmet ?? []));

  /** Shown to the sending side always; to others when they have something to answer. */
  protected readonly shown = computed(
    () => this.store.sendingSide() || this.eventButtons().length > 0 || this.refusal() !== null,
  );

  constructor() {
    // A reloaded file forgets the refusal of the old version.
    effect(() => {
      this.store.reloads();
      this.refusal.set(null);
    });
  }

  /** ADVANCE while something is still needed: shown, but not yet possible (the list says why). */
  protected notYet(event: MobilityEventType): boolean {
    return event === 'ADVANCE' && this.advanceNeeded().length > 0;
  }

  protected showTask(taskId: string, event: Event): void {
    event.preventDefault();
    this.store.showTask(taskId);
  }

  /**
   * Unmet conditions as people read them: an open task by its title, any other condition by its
   * message; each with the task that settles it (when the checklist has it), once per task.
   */
  private neededItems(unmet: readonly UnmetConditionDto[]): NeededItem[] {
    const phase = this.store.mobility()?.phase;
    const seen = new Set<string>();
    const items: NeededItem[] = [];
    for (const condition of unmet) {
      const task = condition.taskKey ? this.store.taskByKey(condition.taskKey) : null;
      if (task) {
        if (seen.has(task.id)) continue;
        seen.add(task.id);
      }
      const open = condition.code === 'MANDATORY_TASK_OPEN';
      items.push({
        text: open ? (task?.title ?? condition.title ?? condition.message) : ruleMessage(condition.message),
        detail: open
          ? condition.phase && condition.phase !== phase
            ? `mandatory task of ${stateLabel(condition.phase)}, still open`
            : 'mandatory task, still open'
          : null,
        taskId: task?.id ?? null,
      });
    }
    return items;
  }

  protected eventLabel(event: MobilityEventType): string {
    const phase = this.store.mobility()?.phase;
    if (event === 'HOST_DECLINE') return 'Decline placement';
    if (event === 'ADVANCE' && isPhaseName(phase)) {
      const next = nextPhase(phase);
      return next ? `Advance to ${stateLabel(next)}` : 'Complete mobility';
    }
    if (event === 'REOPEN' && isPhaseName(phase)) {
      const previous = previousPhase(phase);
      return previous ? `Reopen ${stateLabel(previous)}` : 'Reopen';
    }
    return eventLabel(event);
  }

  protected needsReason(event: MobilityEventType): boolean {
    return EVENTS_REQUIRING_REASON.includes(event);
  }

  /** Events that ask before they are sent: those with a reason, and the host's decline (a reason optional). */
  protected asksFirst(event: MobilityEventType): boolean {
    return this.needsReason(event) || event === 'HOST_DECLINE';
  }

  protected expanded(event: MobilityEventType): boolean | null {
    if (event === 'INTERRUPT') return this.interrupting();
    return this.asksFirst(event) ? this.reasonFor() === event : null;
  }

  protected start(type: MobilityEventType): void {
    // aria-disabled rather than disabled while busy: a disabled button would drop keyboard focus.
    if (this.store.busy()) return;
    if (this.notYet(type)) {
      this.focus('advance-needed');
      return;
    }
    this.refusal.set(null);
    this.store.actionProblem.set(null);
    if (type === 'INTERRUPT') {
      this.reasonFor.set(null);
      this.interrupting.set(true);
      return;
    }
    if (this.asksFirst(type)) {
      this.interrupting.set(false);
      this.reasonFor.set(type);
      this.reason.set('');
      this.reasonError.set(null);
      this.focus('event-reason');
      return;
    }
    void this.send(type);
  }

  protected interruptClosed(): void {
    this.interrupting.set(false);
    this.focus('event-INTERRUPT');
  }

  protected cancelReason(): void {
    const type = this.reasonFor();
    this.reasonFor.set(null);
    if (type) this.focus(`event-${type}`);
  }

  protected async confirmReason(event: Event): Promise<void> {
    event.preventDefault();
    const type = this.reasonFor();
    if (!type) return;
    const reason = this.reason().trim();
    if (!reason && this.needsReason(type)) {
      this.reasonError.set(
        `Give a reason to ${type === 'WITHDRAW' ? 'withdraw the mobility' : 'reopen the previous phase'}.`,
      );
      this.focus('event-reason');
      return;
    }
    if (await this.send(type, reason || undefined)) this.reasonFor.set(null);
  }

  private async send(type: MobilityEventType, reason?: string): Promise<boolean> {
    const m = this.store.mobility();
    if (!m) return false;
    const label = this.eventLabel(type);
    // The host that declines has no part in this mobility any more: back to the placements.
    const leaving = type === 'HOST_DECLINE' && !this.store.sendingSide();
    const outcome = await this.store.sendEvent(type, reason, !leaving);
    if (outcome.kind === 'refused') this.refusal.set({ event: type, problem: outcome.problem });
    if (outcome.kind !== 'done') return false;
    if (leaving) {
      this.notifications.show(
        'info',
        `You declined the placement of ${m.participant.firstName} ${m.participant.lastName}. ${m.sendingOrganisation.name} is informed.`,
      );
      await this.router.navigateByUrl('/host');
      return true;
    }
    this.store.announcement.set(`${label}: done. The mobility is now in ${stateLabel(outcome.mobility.phase)}.`);
    return true;
  }
}

/** One thing still needed: in words, and the task that settles it when the checklist has one. */
interface NeededItem {
  readonly text: string;
  readonly detail: string | null;
  readonly taskId: string | null;
}

function isPhaseName(state: string | undefined): state is (typeof PHASES)[number] {
  return (PHASES as readonly (string | undefined)[]).includes(state);
}
