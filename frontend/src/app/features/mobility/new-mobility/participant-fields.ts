import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { idOf, NewMobilityDraft } from './new-mobility-draft';

/**
 * Who goes: first and last name, e-mail (the learner signs in with it), date of birth if known, and
 * the BM's "participant with fewer opportunities" flag (a mobility's, never a reason).
 */
@Component({
  selector: 'app-new-mobility-participant',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './participant-fields.html',
  styleUrl: './fields.css',
})
export class ParticipantFields {
  protected readonly draft = inject(NewMobilityDraft);
  protected readonly idOf = idOf;
}
