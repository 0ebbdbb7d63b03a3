import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api, listRecentHostAnswers, markHostAnswersSeen, type HostAnswerDto } from '@mobility-hub/api-client';
import { toApiProblem } from '@app/core/api/problem';
import { answerLine } from './host-answer-text';

/**
 * The home page's "Host answers since your last visit": every confirmation or decline of the
 * school's mobilities since the person marked them seen (kept per person on the server, so it
 * survives sessions and devices). Nothing new: nothing shown.
 */
@Component({
  selector: 'app-recent-host-answers',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (answers().length) {
      <section class="panel recent" aria-labelledby="recent-answers-heading" data-testid="recent-host-answers">
        <div class="head">
          <h2 id="recent-answers-heading" class="section-title">Host answers since your last visit</h2>
          <button
            type="button"
            class="btn btn-secondary"
            [attr.aria-disabled]="busy() ? 'true' : null"
            (click)="dismiss()"
          >
            Mark as seen
          </button>
        </div>
        <ul class="answers">
          @for (a of answers(); track a.mobilityId + a.answeredAt) {
            <li [class.declined]="a.answer === 'declined'" data-testid="recent-host-answer">
              <a [routerLink]="['/mobilities', a.mobilityId]" class="who">{{ a.participant }}</a>
              <span class="what"><span class="visually-hidden">: </span>{{ line(a) }}</span>
              @if (a.answer === 'declined' && a.current) {
                <span class="next"><span class="visually-hidden">. </span>Next step: choose another host</span>
              }
            </li>
          }
        </ul>
        @if (problem(); as p) {
          <p class="field-error" role="alert">Not marked as seen: {{ p }}</p>
        }
      </section>
    }
  `,
  styles: `
    .recent {
      margin-block-end: 1.5rem;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      justify-content: space-between;
    }
    .head .section-title {
      margin: 0;
    }
    .head .btn {
      min-block-size: 44px;
    }
    .answers {
      margin: 0.75rem 0 0;
      padding: 0;
      list-style: none;
    }
    .answers li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      padding: 0.5rem 0 0.5rem 0.75rem;
      border-inline-start: 4px solid #1f7a3f;
      margin-block-end: 0.5rem;
      overflow-wrap: anywhere;
    }
    .answers li.declined {
      border-inline-start-color: #a14a00;
    }
    .who {
      font-weight: 600;
    }
    .next {
      color: #8a3c00;
      font-weight: 600;
    }
  `,
})
export class RecentHostAnswers {
  private readonly api = inject(Api);

  private readonly recent = resource({ loader: () => this.api.invoke(listRecentHostAnswers, {}) });
  /** Emptied at once when dismissed (the server keeps the instant). */
  private readonly dismissed = signal(false);
  protected readonly answers = computed(() =>
    !this.dismissed() && this.recent.hasValue() ? this.recent.value().answers : [],
  );
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly line = (a: HostAnswerDto) => answerLine(a);

  /** Seen up to the newest answer shown: one that arrives meanwhile stays new. */
  protected async dismiss(): Promise<void> {
    const newest = this.answers()[0];
    if (!newest || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.invoke(markHostAnswersSeen, { body: { upTo: newest.answeredAt } });
      this.dismissed.set(true);
    } catch (error) {
      const p = toApiProblem(error);
      this.problem.set(p.detail ?? p.title);
    } finally {
      this.busy.set(false);
    }
  }
}
