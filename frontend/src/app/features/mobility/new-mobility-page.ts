import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Api, createMobility } from '@mobility-hub/api-client';
import { toApiProblem } from '@app/core/api/problem';
import { injectFocus } from '@app/core/dom/focus';
import { ActivityFields } from './new-mobility/activity-fields';
import { DatesFields } from './new-mobility/dates-fields';
import { FIELDS, idOf, NewMobilityDraft } from './new-mobility/new-mobility-draft';
import { ParticipantFields } from './new-mobility/participant-fields';
import { ReturningPerson } from './new-mobility/returning-person';

/**
 * The form that creates one learner's or staff member's mobility in a project: the participant, the
 * activity and the dates (each a fieldset of its own, sharing the NewMobilityDraft), a summary of what
 * to correct, and the API's answer.
 */
@Component({
  selector: 'app-new-mobility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page new-mobility-page' },
  providers: [NewMobilityDraft],
  imports: [ReactiveFormsModule, RouterLink, ReturningPerson, ParticipantFields, ActivityFields, DatesFields],
  templateUrl: './new-mobility-page.html',
  styleUrl: './new-mobility-page.css',
})
export class NewMobilityPage {
  /** From the route `projects/:projectId/mobilities/new`. */
  readonly projectId = input.required<string>();

  protected readonly draft = inject(NewMobilityDraft);
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly focusAfterRender = injectFocus();

  protected readonly saving = signal(false);

  constructor() {
    effect(() => this.draft.projectId.set(this.projectId()));
  }

  protected focusField(event: Event, id: string): void {
    event.preventDefault();
    document.getElementById(id)?.focus();
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    const { formErrors } = this.draft;
    this.draft.submitted.set(true);
    formErrors.clear();
    if (this.draft.summary().length > 0) {
      this.focusAfterRender('form-errors');
      return;
    }
    this.saving.set(true);
    try {
      const created = await this.api.invoke(createMobility, { id: this.projectId(), body: this.draft.body() });
      await this.router.navigate(['/mobilities', created.id]);
    } catch (error) {
      const { atFields } = formErrors.report(toApiProblem(error));
      const first = atFields ? FIELDS.find((f) => formErrors.messages()[f]) : undefined;
      this.focusAfterRender(first ? idOf(first) : 'server-problem');
    } finally {
      this.saving.set(false);
    }
  }
}
