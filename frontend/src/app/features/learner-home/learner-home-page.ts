import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { Api, listMobilities, type MobilitySummaryDto } from '@mobility-hub/api-client';
import { isFinalState } from '@mobility-hub/domain';
import { loadOrExplain, loadProblemOf } from '@app/core/api/problem';
import { formatDate } from '@app/core/format-date';
import { LearnerMobility } from './learner-mobility';

/** Enough for any learner: every mobility of theirs, with each school that sends them, and the ones that ended. */
const PAGE_SIZE = 50;

/**
 * A learner's mobilities in the order their start page shows them: those under way first, the
 * earliest start first; then those that ended, the latest first.
 */
export function learnerOrder(items: readonly MobilitySummaryDto[]): MobilitySummaryDto[] {
  const byStart = [...items].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
  return [...byStart.filter((m) => !isFinalState(m.phase)), ...byStart.filter((m) => isFinalState(m.phase)).reverse()];
}

/**
 * The heading of each card: the school's name, and when the same school sends them more than once
 * (a learner who comes back), the first day abroad too, so that no two cards are named alike.
 */
export function cardHeadings(items: readonly MobilitySummaryDto[]): Record<string, string> {
  const perSchool = new Map<string, number>();
  for (const m of items) perSchool.set(m.sendingOrganisation.id, (perSchool.get(m.sendingOrganisation.id) ?? 0) + 1);
  return Object.fromEntries(
    items.map((m) => [
      m.id,
      (perSchool.get(m.sendingOrganisation.id) ?? 0) > 1
        ? `${m.sendingOrganisation.name}, from ${formatDate(m.startDate)}`
        : m.sendingOrganisation.name,
    ]),
  );
}

/**
 * `me`, a learner's start page: each mobility they go on — whichever school sends them — with its
 * next deadline, its phase and their checklist. One mobility is shown as it is; several each under
 * the name of the school that sends them.
 */
@Component({
  selector: 'app-learner-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LearnerMobility],
  host: { class: 'page page-kit' },
  templateUrl: './learner-home-page.html',
  styleUrl: './learner-home-page.css',
})
export class LearnerHomePage {
  private readonly api = inject(Api);

  private readonly list = resource({
    loader: () => loadOrExplain(() => this.api.invoke(listMobilities, { mine: true, page: 1, pageSize: PAGE_SIZE })),
  });
  protected readonly mobilities = computed(() => (this.list.hasValue() ? learnerOrder(this.list.value().items) : []));
  protected readonly headings = computed(() => cardHeadings(this.mobilities()));
  protected readonly loading = this.list.isLoading;
  protected readonly loadProblem = computed(() => loadProblemOf(this.list));

  load(): void {
    this.list.reload();
  }
}
