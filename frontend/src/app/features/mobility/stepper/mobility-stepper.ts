import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { LifecycleEventDto, MobilityDto } from '@mobility-hub/api-client';
import { PHASES } from '@mobility-hub/domain';
import { stateLabel } from '@app/features/mobility/labels';

type StepState = 'done' | 'current' | 'stopped' | 'todo';

/** The five phases of a mobility: done, current, stopped (withdrawn there) or still to come. */
@Component({
  selector: 'app-mobility-stepper',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mobility-stepper.html',
  styleUrls: ['../mobility.css', './mobility-stepper.css'],
})
export class MobilityStepper {
  readonly phase = input.required<MobilityDto['phase']>();
  /** The lifecycle history, when known: it says in which phase a withdrawn mobility stopped. */
  readonly history = input<readonly LifecycleEventDto[]>([]);

  protected readonly stateLabel = stateLabel;

  protected readonly isFinal = computed(() => this.phase() === 'completed' || this.phase() === 'withdrawn');

  protected readonly steps = computed(() => {
    const phase = this.phase();
    let current: number;
    if (phase === 'completed') current = PHASES.length;
    else if (phase === 'withdrawn') {
      const last = [...this.history()].reverse().find((h) => h.to === 'withdrawn');
      current = last?.from ? PHASES.indexOf(last.from as (typeof PHASES)[number]) : -1;
    } else current = PHASES.indexOf(phase);
    return PHASES.map((p, i) => ({
      phase: p,
      label: stateLabel(p),
      state: (i < current
        ? 'done'
        : i === current
          ? phase === 'withdrawn'
            ? 'stopped'
            : 'current'
          : 'todo') as StepState,
    }));
  });
}
