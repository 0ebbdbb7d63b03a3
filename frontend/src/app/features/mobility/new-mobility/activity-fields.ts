import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { ACTIVITY_TYPES } from '@mobility-hub/domain';
import { durationText, idOf, NewMobilityDraft } from './new-mobility-draft';

/** What and with whom: the activity type (with its duration limits), the sending and the host organisation. */
@Component({
  selector: 'app-new-mobility-activity',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './activity-fields.html',
  styleUrl: './fields.css',
})
export class ActivityFields {
  protected readonly draft = inject(NewMobilityDraft);
  protected readonly idOf = idOf;
  protected readonly durationText = durationText;
  protected readonly activityTypes = Object.values(ACTIVITY_TYPES);
}
