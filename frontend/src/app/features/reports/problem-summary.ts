import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ApiProblem } from '@app/core/api/problem';

/**
 * An error summary for a problem+json answer: its title and detail, then each field error (for a
 * rejected import file: the header, the size, a formula) as a list. Announced as an alert.
 */
@Component({
  selector: 'app-problem-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = problem();
    <div class="problem-summary" role="alert" data-testid="problem-summary">
      <p class="problem-title">{{ heading() }} {{ p.title }}</p>
      @if (p.detail && p.detail !== p.title) {
        <p>{{ p.detail }}</p>
      }
      @if (p.errors.length) {
        <ul>
          @for (e of p.errors; track $index) {
            <li>
              <strong>{{ e.field }}</strong
              >: {{ e.message }}
            </li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .problem-summary {
      margin-block: 1rem;
      padding: 0.75rem 1rem;
      border: 2px solid var(--mh-danger);
      border-inline-start-width: 6px;
      border-radius: var(--mh-radius);
      background: var(--mh-surface);
    }
    .problem-summary p {
      margin: 0 0 0.375rem;
    }
    .problem-title {
      font-weight: 700;
      color: var(--mh-danger);
    }
    ul {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
  `,
})
export class ProblemSummary {
  readonly problem = input.required<ApiProblem>();
  /** Put before the title, e.g. "The file was not accepted:". */
  readonly heading = input('');
}
