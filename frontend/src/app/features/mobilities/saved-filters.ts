import { ChangeDetectionStrategy, Component, computed, inject, input, output, resource, signal } from '@angular/core';
import { Api, deleteSavedFilter, listSavedFilters, saveFilter, type SavedFilterDto } from '@mobility-hub/api-client';
import { loadOrExplain, toApiProblem } from '@app/core/api/problem';

/**
 * A person's saved filters of the Mobilities page, kept on the server (they follow the person from
 * one computer to another): choose one to apply it, save the current filters under a name, delete one.
 */
@Component({
  selector: 'app-saved-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './saved-filters.html',
  styleUrl: './mobilities-page.css',
})
export class SavedFilters {
  private readonly api = inject(Api);

  /** The page's current filters as a query string. */
  readonly query = input.required<string>();
  readonly apply = output<string>();

  protected readonly filters = resource({
    loader: () => loadOrExplain(() => this.api.invoke(listSavedFilters, { list: 'mobilities' })),
  });
  protected readonly items = computed(() => (this.filters.hasValue() ? this.filters.value() : []));
  /** The saved filter the page shows now, if any. */
  protected readonly current = computed(() => this.items().find((f) => f.query === this.query()) ?? null);

  protected readonly name = signal('');
  protected readonly message = signal('');
  protected readonly error = signal('');
  protected readonly busy = signal(false);

  protected choose(id: string): void {
    const filter = this.items().find((f) => f.id === id);
    if (filter) {
      this.message.set('');
      this.apply.emit(filter.query);
    }
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.name().trim();
    if (!name) {
      this.error.set('Enter a name for this filter.');
      return;
    }
    await this.run(async () => {
      const saved = await this.api.invoke(saveFilter, { body: { list: 'mobilities', name, query: this.query() } });
      this.filters.update((list) => [...(list ?? []).filter((f) => f.id !== saved.id), saved].sort(byName));
      this.name.set('');
      this.message.set(`Filter “${saved.name}” saved.`);
    });
  }

  protected async remove(filter: SavedFilterDto): Promise<void> {
    await this.run(async () => {
      await this.api.invoke(deleteSavedFilter, { id: filter.id });
      this.filters.update((list) => (list ?? []).filter((f) => f.id !== filter.id));
      this.message.set(`Filter “${filter.name}” deleted.`);
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set('');
    try {
      await action();
    } catch (error) {
      const problem = toApiProblem(error);
      this.error.set(problem.errors[0]?.message ?? (problem.detail || problem.title));
    } finally {
      this.busy.set(false);
    }
  }
}

const byName = (a: SavedFilterDto, b: SavedFilterDto) => a.name.localeCompare(b.name);
