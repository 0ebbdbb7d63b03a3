import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { BmViolationDto } from '@mobility-hub/api-client';

/** The mobilities a BM export held back, each with the field and rule it breaks and a link to its file. */
@Component({
  selector: 'app-export-violations',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="violations" data-testid="export-violations">
      <p class="violations-lead" role="alert">
        {{ violations().length }} {{ violations().length === 1 ? 'mobility was' : 'mobilities were' }} held back because
        {{ violations().length === 1 ? 'it breaks' : 'they break' }} BM rules:
      </p>
      <div class="table-wrap" tabindex="0" role="region" aria-label="Mobilities held back from the BM file">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">BM activity ID</th>
              <th scope="col">Participant</th>
              <th scope="col">Field</th>
              <th scope="col">Rule</th>
            </tr>
          </thead>
          <tbody>
            @for (v of violations(); track $index) {
              <tr>
                <td>{{ v.bmActivityId }}</td>
                <td>
                  <a [routerLink]="['/mobilities', v.mobilityId]">{{ v.participant }}</a>
                </td>
                <td>{{ v.field }}</td>
                <td>
                  {{ v.rule }}
                  @if (v.message && v.message !== v.rule) {
                    <span class="message">{{ v.message }}</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </div>
  `,
  styles: `
    /* Keeps visually hidden text inside the scrolling box (else it widens the page). */
    .table-wrap {
      position: relative;
    }
    .violations {
      margin-block: 0.75rem;
      padding: 0.75rem;
      border: 2px solid var(--mh-danger);
      border-radius: var(--mh-radius);
    }
    .violations-lead {
      margin: 0 0 0.5rem;
      font-weight: 700;
    }
    .message {
      display: block;
      color: var(--mh-muted);
      font-size: 0.875rem;
    }
  `,
})
export class ExportViolations {
  readonly violations = input.required<readonly BmViolationDto[]>();
}
