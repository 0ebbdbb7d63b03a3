import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api, getPerson } from '@mobility-hub/api-client';
import { ACTIVITY_TYPES } from '@mobility-hub/domain';
import { loadOrExplain, loadProblemOf } from '@app/core/api/problem';
import { formatDate } from '@app/core/format-date';
import { stateLabel } from '@app/features/mobility/labels';

/**
 * "Also went on": the person's other mobilities at this school (a learner who comes back, a teacher
 * who goes every year), each linking to its file. For the sending side only (the person's record is
 * the school's); shows nothing when this is their only mobility.
 */
@Component({
  selector: 'app-other-mobilities',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (others().length) {
      <section class="other-mobilities" aria-labelledby="other-mobilities-heading" data-testid="other-mobilities">
        <h2 id="other-mobilities-heading">
          Also went on {{ others().length === 1 ? '1 other mobility' : others().length + ' other mobilities' }}
        </h2>
        <ul>
          @for (p of others(); track p.mobilityId) {
            <li>
              <a [routerLink]="['/mobilities', p.mobilityId]">{{ activity(p.activityType) }}</a>
              · {{ formatDate(p.startDate) }} – {{ formatDate(p.endDate) }}
              @if (p.hostName) {
                · {{ p.hostName }}
              }
              · <span class="muted">{{ p.projectTitle }} ({{ stateLabel(p.phase) }})</span>
            </li>
          }
        </ul>
      </section>
    } @else if (problem(); as p) {
      <p class="muted small" role="status">Their other mobilities could not be loaded ({{ p.title }}).</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .other-mobilities {
      margin: 0.75rem 0 0;
    }
    h2 {
      margin: 0 0 0.25rem;
      font-size: 1rem;
    }
    ul {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    li {
      margin: 0.125rem 0;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--mh-muted);
    }
    .small {
      font-size: 0.875rem;
    }
  `,
})
export class OtherMobilities {
  private readonly api = inject(Api);

  /** The mobility's participant (the person). */
  readonly personId = input.required<string>();
  /** The mobility whose file this is (left out of the list). */
  readonly mobilityId = input.required<string>();

  protected readonly formatDate = formatDate;
  protected readonly stateLabel = stateLabel;

  private readonly person = resource({
    params: () => ({ id: this.personId() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getPerson, { id: params.id })),
  });
  protected readonly others = computed(() =>
    this.person.hasValue() ? this.person.value().participations.filter((p) => p.mobilityId !== this.mobilityId()) : [],
  );
  protected readonly problem = computed(() => loadProblemOf(this.person));

  protected activity(code: string): string {
    return ACTIVITY_TYPES[code as keyof typeof ACTIVITY_TYPES]?.label ?? code;
  }
}
