import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { LifecycleEventDto } from '@mobility-hub/api-client';
import { formatDateTime } from '@app/core/format-date';
import { historyLabel, stateLabel } from '@app/features/mobility/labels';

/**
 * The mobility's lifecycle history, newest last: event, phases, who (by name, as the API resolves it),
 * when and why (the sending side's). Shown in a panel of the file, so its heading is for screen readers.
 */
@Component({
  selector: 'app-mobility-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../mobility.css', './mobility-history.css'],
  template: `
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" class="visually-hidden">History</h2>
      <ol class="timeline" data-testid="history">
        @for (entry of entries(); track entry.sequence) {
          <li>
            <p>
              <strong>{{ eventName(entry.event) }}</strong>
              @if (entry.from && entry.from !== entry.to) {
                {{ stateLabel(entry.from) }} → {{ stateLabel(entry.to) }}
              } @else {
                {{ stateLabel(entry.to) }}
              }
            </p>
            <p class="muted small">
              by {{ entry.actorName }} ·
              <time [attr.datetime]="entry.occurredAt">{{ formatDateTime(entry.occurredAt) }}</time>
            </p>
            @if (entry.reasonText ?? entry.reason; as reason) {
              <p class="small">{{ entry.event === 'EDIT' ? 'Changed' : 'Reason' }}: {{ reason }}</p>
            }
          </li>
        } @empty {
          <li class="muted">No history yet.</li>
        }
      </ol>
    </section>
  `,
})
export class MobilityHistory {
  readonly entries = input.required<readonly LifecycleEventDto[]>();

  protected readonly eventName = historyLabel;
  protected readonly stateLabel = stateLabel;
  protected readonly formatDateTime = formatDateTime;
}
