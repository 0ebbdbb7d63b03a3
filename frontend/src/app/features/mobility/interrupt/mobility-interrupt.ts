import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { UnmetConditionDto } from '@mobility-hub/api-client';
import { addDays, isIsoDate } from '@mobility-hub/domain';
import { formatDate } from '@app/core/format-date';
import { injectFocus } from '@app/core/dom/focus';
import { stateLabel } from '@app/features/mobility/labels';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';

type Field = 'actualEndDate' | 'reason' | 'forceMajeure';

/**
 * "Record interruption": a stay that ends before its last planned day (reference §3.3 #9 — the BM
 * records the interrupted duration and a force-majeure flag). The actual last day, the reason and
 * whether it was force majeure; the mobility goes on to evaluation, its planned dates unchanged.
 */
@Component({
  selector: 'app-mobility-interrupt',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './mobility-interrupt.html',
  styleUrl: '../mobility.css',
})
export class MobilityInterrupt {
  protected readonly store = inject(MobilityFileStore);
  private readonly focus = injectFocus();
  readonly closed = output<boolean>();
  protected readonly formatDate = formatDate;

  protected readonly form = new FormGroup({
    actualEndDate: new FormControl('', { nonNullable: true }),
    reason: new FormControl('', { nonNullable: true }),
    forceMajeure: new FormControl<'yes' | 'no' | ''>('', { nonNullable: true }),
  });
  protected readonly errors = signal<Partial<Record<Field, string>>>({});
  protected readonly errorCount = computed(() => Object.keys(this.errors()).length);
  /** What the lifecycle refused that belongs to no field. */
  protected readonly refused = signal<readonly UnmetConditionDto[]>([]);

  /** The last day an interruption may name: the day before the last planned day. */
  protected readonly lastPossible = computed(() => {
    const m = this.store.mobility();
    return m ? addDays(m.endDate, -1) : '';
  });

  constructor() {
    this.focus('interrupt-actualEndDate');
  }

  protected cancel(): void {
    this.closed.emit(false);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const m = this.store.mobility();
    if (!m || this.store.busy()) return;
    const { actualEndDate, reason, forceMajeure } = this.form.getRawValue();
    const errors: Partial<Record<Field, string>> = {};
    if (!isIsoDate(actualEndDate)) errors.actualEndDate = 'Enter the actual last day abroad.';
    if (!reason.trim()) errors.reason = 'Say why the stay ended early.';
    if (!forceMajeure) errors.forceMajeure = 'Say whether force majeure caused it.';
    this.refused.set([]);
    if (this.report(errors)) return;
    const outcome = await this.store.sendEvent('INTERRUPT', reason.trim(), true, {
      actualEndDate,
      forceMajeure: forceMajeure === 'yes',
    });
    if (outcome.kind === 'refused') {
      const byField: Partial<Record<Field, string>> = {};
      const rest: UnmetConditionDto[] = [];
      for (const u of outcome.problem.unmet) {
        const field = u.code === 'REASON_REQUIRED' ? 'reason' : (u.field as Field | undefined);
        if (field && ['actualEndDate', 'reason', 'forceMajeure'].includes(field)) byField[field] = u.message;
        else rest.push(u);
      }
      this.refused.set(rest);
      this.report(byField);
      return;
    }
    if (outcome.kind !== 'done') return;
    this.store.announcement.set(
      `Interruption recorded: last day abroad ${formatDate(actualEndDate)}. The mobility is now in ${stateLabel(outcome.mobility.phase)}.`,
    );
    this.closed.emit(true);
  }

  /** Shows the field errors; true when there are some (the first has the focus). */
  private report(errors: Partial<Record<Field, string>>): boolean {
    this.errors.set(errors);
    const first = (['actualEndDate', 'reason', 'forceMajeure'] as const).find((f) => errors[f]);
    if (first) this.focus(first === 'forceMajeure' ? 'interrupt-fm-yes' : `interrupt-${first}`);
    return first !== undefined;
  }
}
