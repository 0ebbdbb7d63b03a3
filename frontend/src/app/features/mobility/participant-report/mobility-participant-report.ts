import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { ApiProblem } from '@app/core/api/problem';
import { formatDate, formatDateTime } from '@app/core/format-date';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';

type Action = 'request' | 'resend' | 'undelivered' | 'submitted' | 'excluded';

const STATUS_LABELS: Record<string, string> = {
  requested: 'Requested',
  undelivered: 'Undelivered (check the e-mail address)',
  submitted: 'Submitted',
  excluded: 'Excluded by the National Agency',
};

const ACTION_LABELS: Record<Action, string> = {
  request: 'Mark as requested',
  resend: 'Mark as re-sent',
  undelivered: 'Mark as undelivered',
  submitted: 'Mark as submitted',
  excluded: 'Mark as excluded by the NA',
};

/**
 * "Participant report": its status as the BM shows it (reference §4.7 — requested, undelivered,
 * submitted, excluded; re-sent at most once per 24 h), its deadline and whether it is overdue. The
 * sending side records each step; requested and submitted tick their checklist tasks.
 */
@Component({
  selector: 'app-mobility-participant-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../mobility.css',
  template: `
    @if (report(); as r) {
      <section class="card" aria-labelledby="report-heading" data-testid="participant-report">
        <h2 id="report-heading">Participant report</h2>
        <dl class="facts">
          <div>
            <dt>Status</dt>
            <dd data-testid="report-status">
              {{ r.status ? statusLabel(r.status) : 'Not requested yet' }}
              @if (r.overdue) {
                <strong class="flag">— overdue</strong>
              }
            </dd>
          </div>
          <div>
            <dt>Deadline</dt>
            <dd>{{ formatDate(r.deadline) }}</dd>
          </div>
          @if (r.requestedAt) {
            <div>
              <dt>Requested</dt>
              <dd>
                {{ formatDateTime(r.requestedAt) }}
                @if (r.resentCount > 0) {
                  · re-sent {{ r.resentCount }}× (last {{ formatDateTime(r.lastSentAt) }})
                }
              </dd>
            </div>
          }
          @if (r.submittedAt) {
            <div>
              <dt>Submitted</dt>
              <dd>{{ formatDateTime(r.submittedAt) }}</dd>
            </div>
          }
        </dl>
        @if (actions().length) {
          <div class="events">
            @for (action of actions(); track action) {
              <button type="button" [attr.aria-disabled]="store.busy() || null" (click)="record(action)">
                {{ actionLabel(action) }}
              </button>
            }
          </div>
          @if (r.resendableFrom && (r.status === 'requested' || r.status === 'undelivered')) {
            <p class="hint">Can be re-sent from {{ formatDateTime(r.resendableFrom) }} (once per 24 hours).</p>
          }
        }
        @if (problem(); as p) {
          <div class="problem" role="alert">
            <p>
              <strong>{{ p.title }}</strong
              >: {{ p.detail }}
            </p>
          </div>
        }
      </section>
    }
  `,
})
export class MobilityParticipantReport {
  protected readonly store = inject(MobilityFileStore);
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;
  protected readonly problem = signal<ApiProblem | null>(null);

  /** Shown once the stay is over (or a withdrawn file), or as soon as something was recorded. */
  protected readonly report = computed(() => {
    const m = this.store.mobility();
    if (!m) return null;
    const relevant = ['evaluation', 'finalisation', 'completed', 'withdrawn'].includes(m.phase);
    return relevant || m.participantReport.status ? m.participantReport : null;
  });

  /** The steps the sending side may record from the status now. */
  protected readonly actions = computed<Action[]>(() => {
    const m = this.store.mobility();
    if (!m || !this.store.sendingSide() || !['evaluation', 'finalisation', 'withdrawn'].includes(m.phase)) return [];
    switch (m.participantReport.status) {
      case null:
        return ['request'];
      case 'requested':
        return ['submitted', 'resend', 'undelivered', 'excluded'];
      case 'undelivered':
        return ['resend', 'submitted', 'excluded'];
      default:
        return [];
    }
  });

  protected statusLabel(status: string): string {
    return STATUS_LABELS[status] ?? status;
  }

  protected actionLabel(action: Action): string {
    return ACTION_LABELS[action];
  }

  protected async record(action: Action): Promise<void> {
    if (this.store.busy()) return;
    this.problem.set(null);
    const outcome = await this.store.recordParticipantReport({ action });
    if (outcome.kind === 'problem') this.problem.set(outcome.problem);
    if (outcome.kind === 'saved') {
      const status = outcome.mobility.participantReport.status;
      this.store.announcement.set(`Participant report: ${status ? this.statusLabel(status) : 'updated'}.`);
    }
  }
}
