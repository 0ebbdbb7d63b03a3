import { ChangeDetectionStrategy, Component, computed, effect, inject, resource, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Api, listMobilities } from '@mobility-hub/api-client';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { loadOrExplain } from '@app/core/api/problem';
import { Notifications } from '@app/core/notifications';
import { PHASE_LABELS } from '@app/core/phase-labels';
import { formatDate } from '@app/core/format-date';

export const OVERDUE_PAGE_SIZE = 100;
const SEARCH_DEBOUNCE_MS = 300;

@Component({
  selector: 'app-mobilities-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './mobilities-page.html',
})
export class MobilitiesPage {
  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);

  protected readonly phaseLabel = PHASE_LABELS;
  protected readonly formatDate = formatDate;

  protected readonly query = signal('');
  private readonly debouncedQuery = toSignal(
    toObservable(this.query).pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged()),
    { initialValue: '' },
  );

  protected readonly mobilities = resource({
    params: () => ({
      overdue: true,
      page: 1,
      pageSize: OVERDUE_PAGE_SIZE,
      q: this.debouncedQuery().trim() || undefined,
    }),
    loader: ({ params }) => {
      return loadOrExplain(() => this.api.invoke(listMobilities, params));
    },
  });
  protected readonly items = computed(() => (this.mobilities.hasValue() ? this.mobilities.value().items : []));
  protected readonly total = computed(() => (this.mobilities.hasValue() ? this.mobilities.value().total : 0));
  protected readonly filtered = computed(() => !!this.debouncedQuery().trim());

  constructor() {
    effect(() => {
      const error = this.mobilities.error();
      if (error) this.notifications.show('error', `Overdue mobilities could not be loaded. ${error.message}`);
    });
  }
}
