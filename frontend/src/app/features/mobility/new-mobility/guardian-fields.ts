import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { GUARDIAN_RELATIONSHIPS } from '@mobility-hub/domain';
import { idOf, NewMobilityDraft } from './new-mobility-draft';

export const RELATIONSHIP_LABELS: Readonly<Record<(typeof GUARDIAN_RELATIONSHIPS)[number], string>> = {
  parent: 'Parent',
  'legal-guardian': 'Legal guardian',
  other: 'Other person with parental responsibility',
};

/**
 * A minor's parent or legal guardian (shown when the learner is under 18 on the first day abroad):
 * contact data only — they receive the consent link by e-mail. Nothing about health or beliefs.
 */
@Component({
  selector: 'app-new-mobility-guardian',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './guardian-fields.html',
  styleUrl: './fields.css',
})
export class GuardianFields {
  protected readonly draft = inject(NewMobilityDraft);
  protected readonly idOf = idOf;
  protected readonly relationships = GUARDIAN_RELATIONSHIPS;
  protected readonly labels = RELATIONSHIP_LABELS;
}
