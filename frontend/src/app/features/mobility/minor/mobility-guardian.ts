import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import {
  Api,
  getMobilityGuardian,
  putMobilityGuardian,
  resendGuardianConsentLink,
  type GuardianDto,
  type MobilityDto,
} from '@mobility-hub/api-client';
import { GUARDIAN_RELATIONSHIPS } from '@mobility-hub/domain';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { formatDate, formatDateTime } from '@app/core/format-date';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress, notBlank } from '@app/core/forms/validators';
import { RELATIONSHIP_LABELS } from '@app/features/mobility/new-mobility/guardian-fields';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';

const FIELDS = ['guardian.name', 'guardian.email', 'guardian.phone', 'guardian.relationship'] as const;
type Field = (typeof FIELDS)[number];
const CLIENT_MESSAGES: ClientMessages<Field> = {
  'guardian.name': { required: 'Enter the guardian’s name.' },
  'guardian.email': {
    required: 'Enter the guardian’s e-mail.',
    email: 'Enter an e-mail address like name@example.org.',
  },
  'guardian.phone': { required: 'Enter the guardian’s phone number.' },
  'guardian.relationship': { required: 'Choose the relationship.' },
};

/**
 * The minor part of a mobility file: the age on the first day abroad, the guardian and where their
 * consent stands (given by whom, when, from which address — or pending, with "re-send link"). The
 * sending side names or changes the guardian. A host sees only whether a minor comes.
 */
@Component({
  selector: 'app-mobility-guardian',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './mobility-guardian.html',
  styleUrls: ['../mobility.css', './minor.css'],
})
export class MobilityGuardian {
  readonly mobility = input.required<MobilityDto>();

  private readonly api = inject(Api);
  private readonly store = inject(MobilityFileStore);
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;
  protected readonly relationships = GUARDIAN_RELATIONSHIPS;
  protected readonly labels = RELATIONSHIP_LABELS;

  protected readonly isMentor = computed(() => this.mobility().yourRole === 'mentor');
  /** Read again whenever the file's version changes (a consent given through the link, new dates). */
  private readonly fileResource = resource({
    params: () => (this.isMentor() ? undefined : { id: this.mobility().id, version: this.mobility().version }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getMobilityGuardian, { id: params.id })),
  });
  protected readonly file = computed(() => (this.fileResource.hasValue() ? this.fileResource.value() : null));
  protected readonly loadProblem = computed(() => loadProblemOf(this.fileResource));

  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly canResend = computed(() => {
    const f = this.file();
    return !!f?.editable && !!f.guardian && (f.consent === 'pending' || f.consent === 'refused');
  });

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [notBlank] }),
    email: new FormControl('', { nonNullable: true, validators: [notBlank, emailAddress] }),
    phone: new FormControl('', { nonNullable: true, validators: [notBlank] }),
    relationship: new FormControl('', { nonNullable: true, validators: [notBlank] }),
  });
  /** The controls by the API's field paths (`guardian.email`, …). */
  private readonly controls = {
    'guardian.name': this.form.controls.name,
    'guardian.email': this.form.controls.email,
    'guardian.phone': this.form.controls.phone,
    'guardian.relationship': this.form.controls.relationship,
  };
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES);
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  protected edit(): void {
    const g: GuardianDto | null = this.file()?.guardian ?? null;
    this.form.setValue({
      name: g?.name ?? '',
      email: g?.email ?? '',
      phone: g?.phone ?? '',
      relationship: g?.relationship ?? '',
    });
    this.formErrors.clear();
    this.problem.set(null);
    this.editing.set(true);
  }

  protected async save(): Promise<void> {
    if (this.busy() || !this.formErrors.validate(this.controls)) return;
    const v = this.form.getRawValue();
    this.busy.set(true);
    try {
      await this.api.invoke(putMobilityGuardian, {
        id: this.mobility().id,
        body: {
          name: v.name.trim(),
          email: v.email.trim(),
          phone: v.phone.trim(),
          relationship: v.relationship as GuardianDto['relationship'],
        },
      });
      this.editing.set(false);
      this.store.reload();
    } catch (error) {
      const problem = toApiProblem(error);
      if (this.formErrors.report(problem).elsewhere) this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }

  protected async resend(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const sent = await this.api.invoke(resendGuardianConsentLink, { id: this.mobility().id });
      this.sentTo.set(sent.sentTo);
      this.fileResource.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
