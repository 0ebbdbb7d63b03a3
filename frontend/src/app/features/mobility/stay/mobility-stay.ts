import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { earliestImplementationDay } from '@mobility-hub/domain';
import { formatDate, formatDateTime } from '@app/core/format-date';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';

/**
 * "The stay": planned and actual dates (an interrupted stay keeps its planned dates, reference
 * §3.3 #9), the first day implementation may start, and whether the learning agreement was signed
 * before the first day abroad (reference §3.2 #7: a late one is flagged here and in the report).
 */
@Component({
  selector: 'app-mobility-stay',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../mobility.css',
  template: `
    @if (store.mobility(); as m) {
      <section class="card" aria-labelledby="stay-heading" data-testid="stay">
        <h2 id="stay-heading">The stay</h2>
        <dl class="facts">
          <div>
            <dt>Planned</dt>
            <dd>{{ formatDate(m.startDate) }} – {{ formatDate(m.endDate) }} ({{ m.durationDays }} days)</dd>
          </div>
          @if (m.interruption; as i) {
            <div data-testid="actual-dates">
              <dt>Actual</dt>
              <dd>
                {{ formatDate(m.startDate) }} – {{ formatDate(i.actualEndDate) }} ({{ i.actualDurationDays }} days):
                <strong>interrupted</strong>
                @if (i.forceMajeure) {
                  <span class="badge" data-testid="force-majeure">force majeure</span>
                }
              </dd>
            </div>
            @if (i.reason) {
              <div>
                <dt>Why</dt>
                <dd>{{ i.reason }}</dd>
              </div>
            }
            <div>
              <dt>Recorded</dt>
              <dd>
                {{ formatDateTime(i.interruptedAt) }}
                @if (i.interruptedBy) {
                  by {{ i.interruptedBy }}
                }
              </dd>
            </div>
          } @else if (beforeDeparture()) {
            <div>
              <dt>Implementation from</dt>
              <dd>{{ formatDate(earliestStart()) }} (the first travel day)</dd>
            </div>
          }
          <div>
            <dt>Learning agreement</dt>
            <dd data-testid="learning-agreement">
              @if (m.learningAgreementCompletedOn; as done) {
                Completed {{ formatDate(done) }}
                @if (m.learningAgreementLate) {
                  <strong class="flag">— late: after the first day abroad</strong>
                }
              } @else {
                Not completed yet (due before {{ formatDate(m.startDate) }})
              }
            </dd>
          </div>
        </dl>
      </section>
    }
  `,
})
export class MobilityStay {
  protected readonly store = inject(MobilityFileStore);
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;

  protected readonly beforeDeparture = computed(() => {
    const phase = this.store.mobility()?.phase;
    return phase === 'application' || phase === 'preparation';
  });
  protected readonly earliestStart = computed(() => {
    const m = this.store.mobility();
    return m ? earliestImplementationDay(m.startDate, m.travelDays) : null;
  });
}
