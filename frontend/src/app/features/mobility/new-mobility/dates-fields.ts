import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MAX_TRAVEL_DAYS } from '@mobility-hub/domain';
import { durationText, idOf, NewMobilityDraft } from './new-mobility-draft';

/** When: the first and last day abroad (the duration shown as it is entered), travel days and green travel. */
@Component({
  selector: 'app-new-mobility-dates',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './dates-fields.html',
  styleUrl: './fields.css',
})
export class DatesFields {
  protected readonly draft = inject(NewMobilityDraft);
  protected readonly idOf = idOf;
  protected readonly durationText = durationText;
  protected readonly maxTravel = MAX_TRAVEL_DAYS;
}
