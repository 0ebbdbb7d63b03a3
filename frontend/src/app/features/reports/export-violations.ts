import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { BmViolationDto } from '@mobility-hub/api-client';
import { BM_MOBILITY_COLUMNS } from '@mobility-hub/domain';

/** The BM file's column header for a rule's field key (the words of the file, not our keys). */
const HEADERS = new Map(BM_MOBILITY_COLUMNS.map((c) => [c.key, c.header]));

/** The mobilities a BM export held back, each with the field and rule it breaks and a link to its file. */
@Component({
  selector: 'app-export-violations',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="violations" data-testid="export-violations">
      <p class="violations-lead" role="alert">
        {{ heldBack() }} {{ heldBack() === 1 ? 'mobility was' : 'mobilities were' }} held back because
        {{ heldBack() === 1 ? 'it breaks' : 'they break' }} BM rules:
      </p>
      <div class="table-wrap" tabindex="0" role="region" aria-label="Mobilities held back from the BM file">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">BM activity ID</th>
              <th scope="col">Participant</th>
              <th scope="col">Column</th>
              <th scope="col">What to fix</th>
            </tr>
          </thead>
          <tbody>
            @for (v of violations(); track $index) {
              <tr>
                <td>{{ v.bmActivityId }}</td>
                <td>
                  <a [routerLink]="['/mobilities', v.mobilityId]">{{ v.participant }}</a>
                </td>
                <td>{{ header(v.field) }}</td>
                <td>
                  {{ v.message || v.rule }}
                  <span class="message">Rule: {{ v.rule }}</span>
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
  /** Mobilities held back (one may break several rules). */
  readonly heldBack = computed(() => new Set(this.violations().map((v) => v.mobilityId)).size);

  header(field: string): string {
    return HEADERS.get(field) ?? field;
  }
}
