import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import {
  addAccompanyingPerson,
  Api,
  listAccompanyingPersons,
  removeAccompanyingPerson,
  type AccompanyingPersonDto,
  type MobilityDto,
} from '@mobility-hub/api-client';
import { accompanyingPersonViolations, addDays, isIsoDate, isLearnerActivity } from '@mobility-hub/domain';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { formatDate } from '@app/core/format-date';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { notBlank } from '@app/core/forms/validators';
import { ruleMessage } from '@app/features/mobility/labels';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';

const FIELDS = ['userAccountId', 'startDate', 'endDate'] as const;
type Field = (typeof FIELDS)[number];
const CLIENT_MESSAGES: ClientMessages<Field> = {
  userAccountId: { required: 'Choose a staff member.' },
  startDate: { required: 'Enter the first day.' },
  endDate: { required: 'Enter the last day.' },
};

/**
 * Staff of the sending school who accompany a group or a minor, with their dates (within the stay,
 * travel days included). The sending side adds and removes them; everyone on the file sees them.
 */
@Component({
  selector: 'app-mobility-accompanying',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './mobility-accompanying.html',
  styleUrls: ['../mobility.css', './minor.css'],
})
export class MobilityAccompanying {
  readonly mobility = input.required<MobilityDto>();

  private readonly api = inject(Api);
  private readonly store = inject(MobilityFileStore);
  protected readonly formatDate = formatDate;

  private readonly listResource = resource({
    params: () => ({ id: this.mobility().id, version: this.mobility().version }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(listAccompanyingPersons, { id: params.id })),
  });
  protected readonly list = computed(() => (this.listResource.hasValue() ? this.listResource.value() : null));
  protected readonly loadProblem = computed(() => loadProblemOf(this.listResource));
  protected readonly editable = computed(() => this.store.sendingSide() && !this.store.isFinal() && this.learners());
  /** Accompanying persons go with learners (a group or a minor), not with staff mobilities. */
  protected readonly learners = computed(() => isLearnerActivity(this.mobility().activityType));
  /** The earliest and latest day an accompanying person may be there (travel days included). */
  protected readonly window = computed(() => {
    const m = this.mobility();
    return { from: addDays(m.startDate, -m.travelDays), to: addDays(m.endDate, m.travelDays) };
  });

  protected readonly adding = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly form = new FormGroup({
    userAccountId: new FormControl('', { nonNullable: true, validators: [notBlank] }),
    startDate: new FormControl('', { nonNullable: true, validators: [notBlank] }),
    endDate: new FormControl('', { nonNullable: true, validators: [notBlank] }),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES);
  protected readonly errors = this.formErrors.messages;
  protected readonly ruleErrors = signal<Partial<Record<Field, string>>>({});

  protected open(): void {
    const { from, to } = this.window();
    this.form.setValue({ userAccountId: '', startDate: from, endDate: to });
    this.formErrors.clear();
    this.ruleErrors.set({});
    this.adding.set(true);
  }

  protected async add(): Promise<void> {
    if (this.busy() || !this.formErrors.validate(this.form.controls)) return;
    const v = this.form.getRawValue();
    if (isIsoDate(v.startDate) && isIsoDate(v.endDate)) {
      const errors: Partial<Record<Field, string>> = {};
      for (const violation of accompanyingPersonViolations(this.mobility(), v)) {
        errors[violation.field as Field] = ruleMessage(violation.message);
      }
      this.ruleErrors.set(errors);
      if (Object.keys(errors).length) return;
    }
    await this.run(async () => {
      await this.api.invoke(addAccompanyingPerson, { id: this.mobility().id, body: v });
      this.adding.set(false);
    });
  }

  protected remove(person: AccompanyingPersonDto): Promise<void> {
    return this.run(() =>
      this.api.invoke(removeAccompanyingPerson, { id: this.mobility().id, personId: person.id }).then(() => undefined),
    );
  }

  private async run(change: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await change();
      this.store.reload();
    } catch (error) {
      const problem = toApiProblem(error);
      if (this.formErrors.report(problem).elsewhere) this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
