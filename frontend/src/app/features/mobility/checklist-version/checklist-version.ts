import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';

/**
 * Which checklist version the mobility follows and, for the sending side, the move to the current
 * one: it says what happens (done tasks stay, new tasks come, open tasks take the new dates) and
 * asks before it moves.
 */
@Component({
  selector: 'app-checklist-version',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../mobility.css',
  template: `
    @if (store.mobility(); as m) {
      <section class="card" aria-labelledby="checklist-version-heading" data-testid="checklist-version">
        <h2 id="checklist-version-heading">Checklist version</h2>
        <p>
          This mobility follows checklist v{{ m.checklistVersion }}.
          @if (newer()) {
            Checklist v{{ m.currentChecklistVersion }} is available.
          } @else {
            It is the current version.
          }
        </p>
        @if (newer() && store.sendingSide() && !store.isFinal()) {
          @if (!confirming()) {
            <button type="button" (click)="confirming.set(true)">
              Move to checklist v{{ m.currentChecklistVersion }}
            </button>
          } @else {
            <div role="group" aria-labelledby="checklist-move-explained">
              <p id="checklist-move-explained">
                Tasks already done or waived stay as they are. Tasks new in v{{ m.currentChecklistVersion }} are added
                with due dates from the mobility's dates, except those of phases already over. Open tasks that v{{
                  m.currentChecklistVersion
                }}
                no longer has are removed; the other open tasks take its titles and due dates, and their reminders
                follow. The history records the move. This cannot be undone.
              </p>
              <button type="button" [attr.aria-disabled]="store.busy()" (click)="move()">
                Move to checklist v{{ m.currentChecklistVersion }}
              </button>
              <button type="button" (click)="confirming.set(false)">Cancel</button>
            </div>
          }
        }
      </section>
    }
  `,
})
export class ChecklistVersion {
  protected readonly store = inject(MobilityFileStore);
  protected readonly confirming = signal(false);
  protected readonly newer = computed(() => {
    const m = this.store.mobility();
    return m !== null && m.currentChecklistVersion > m.checklistVersion;
  });

  protected async move(): Promise<void> {
    if (this.store.busy()) return;
    if (await this.store.migrateChecklist()) this.confirming.set(false);
  }
}
