import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  resource,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { Api, createMobility, type CreateMobilityDto, getProject, listOrganisations } from '@mobility-hub/api-client';
import {
  ACTIVITY_TYPES,
  activityDays,
  hostViolations,
  isIsoDate,
  MAX_TRAVEL_DAYS,
  travelViolations,
  validateMobilityDates,
} from '@mobility-hub/domain';
import { loadOrExplain, toApiProblem } from '@app/core/api/problem';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress, notBlank } from '@app/core/forms/validators';
import { ruleMessage } from './labels';

type ActivityCode = CreateMobilityDto['activityType'];

/** Fields in the order they appear; the API's dotted paths. */
const FIELDS = [
  'participant.firstName',
  'participant.lastName',
  'participant.email',
  'participant.dateOfBirth',
  'activityType',
  'sendingOrganisationId',
  'hostOrganisationId',
  'startDate',
  'endDate',
  'travelDays',
] as const;
type Field = (typeof FIELDS)[number];

/** Checked as they change, before the field is left: the rules of the programme. */
const LIVE: readonly Field[] = ['endDate', 'travelDays', 'hostOrganisationId'];

const CLIENT_MESSAGES: ClientMessages<Field> = {
  'participant.firstName': { required: 'Enter the first name.' },
  'participant.lastName': { required: 'Enter the last name.' },
  'participant.email': {
    required: 'Enter an e-mail address.',
    email: 'Enter an e-mail address like name@example.org.',
  },
  'participant.dateOfBirth': { date: 'Enter a valid date of birth or leave it empty.' },
  activityType: { required: 'Choose the activity type.' },
  sendingOrganisationId: { required: 'Choose the sending organisation.' },
  hostOrganisationId: {},
  startDate: { required: 'Enter the first day of the activity abroad.' },
  endDate: { required: 'Enter the last day of the activity abroad.' },
  travelDays: {
    days: 'Enter a whole number of travel days (0 or more).',
    min: 'Enter a whole number of travel days (0 or more).',
  },
};

const isoDate = (c: AbstractControl<string>): ValidationErrors | null =>
  isIsoDate(c.value) ? null : { required: true };
const optionalDate = (c: AbstractControl<string>): ValidationErrors | null =>
  !c.value || isIsoDate(c.value) ? null : { date: true };
const wholeDays = (c: AbstractControl<number | null>): ValidationErrors | null =>
  c.value === null || (Number.isInteger(c.value) && c.value >= 0) ? null : { days: true };

/** The form that creates one learner's or staff member's mobility in a project. */
@Component({
  selector: 'app-new-mobility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page new-mobility-page' },
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './new-mobility-page.html',
  styleUrl: './new-mobility-page.css',
})
export class NewMobilityPage {
  /** From the route `projects/:projectId/mobilities/new`. */
  readonly projectId = input.required<string>();

  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  protected readonly activityTypes = Object.values(ACTIVITY_TYPES);
  protected readonly maxTravel = MAX_TRAVEL_DAYS;

  protected readonly project = resource({
    params: () => this.projectId(),
    loader: ({ params: id }) => loadOrExplain(() => this.api.invoke(getProject, { id })),
  });
  protected readonly organisations = resource({
    loader: () => loadOrExplain(() => this.api.invoke(listOrganisations, { pageSize: 500 })),
  });

  protected readonly form = new FormGroup({
    participant: new FormGroup({
      firstName: new FormControl('', { nonNullable: true, validators: [notBlank] }),
      lastName: new FormControl('', { nonNullable: true, validators: [notBlank] }),
      email: new FormControl('', { nonNullable: true, validators: [notBlank, emailAddress] }),
      dateOfBirth: new FormControl('', { nonNullable: true, validators: [optionalDate] }),
    }),
    activityType: new FormControl<ActivityCode | ''>('', { nonNullable: true, validators: [Validators.required] }),
    sendingOrganisationId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    hostOrganisationId: new FormControl('', { nonNullable: true }),
    startDate: new FormControl('', { nonNullable: true, validators: [isoDate] }),
    endDate: new FormControl('', { nonNullable: true, validators: [isoDate] }),
    travelDays: new FormControl<number | null>(0, { validators: [wholeDays] }),
    greenTravel: new FormControl(false, { nonNullable: true }),
  });
  /** The controls by the API's field paths. */
  private readonly controls: Record<Field, AbstractControl> = {
    'participant.firstName': this.form.controls.participant.controls.firstName,
    'participant.lastName': this.form.controls.participant.controls.lastName,
    'participant.email': this.form.controls.participant.controls.email,
    'participant.dateOfBirth': this.form.controls.participant.controls.dateOfBirth,
    activityType: this.form.controls.activityType,
    sendingOrganisationId: this.form.controls.sendingOrganisationId,
    hostOrganisationId: this.form.controls.hostOrganisationId,
    startDate: this.form.controls.startDate,
    endDate: this.form.controls.endDate,
    travelDays: this.form.controls.travelDays,
  };
  protected readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES);
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  /** The API's problem, shown above the form (its field errors also at the fields). */
  protected readonly serverProblem = this.formErrors.problem;

  protected readonly sortedOrganisations = computed(() =>
    this.organisations.hasValue()
      ? [...this.organisations.value().items].sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );

  protected readonly sendingCountry = computed(() => {
    const id = this.value().sendingOrganisationId;
    const org = this.sortedOrganisations().find((o) => o.id === id);
    if (org) return org.country;
    const beneficiary = this.project.hasValue() ? this.project.value().beneficiaryOrganisation : null;
    return beneficiary && beneficiary.id === id ? beneficiary.country : null;
  });

  /** Hosts abroad first; the rule check still catches a host in the sending country. */
  protected readonly hostOptions = computed(() => {
    const country = this.sendingCountry();
    const sending = this.value().sendingOrganisationId;
    return this.sortedOrganisations().filter((o) => o.id !== sending && o.country !== country);
  });

  protected readonly selectedType = computed(() => {
    const code = this.value().activityType;
    return code ? ACTIVITY_TYPES[code] : null;
  });

  /** Days abroad as entered (first and last day counted), or null while the dates are incomplete. */
  protected readonly duration = computed(() => {
    const { startDate: start, endDate: end } = this.value();
    return isIsoDate(start) && isIsoDate(end) && end >= start ? activityDays(start, end) : null;
  });

  /**
   * The checks before submitting, live: each control's validators, else the programme's rules. (The
   * API's problem goes through FormErrors, which maps its field errors to the fields.)
   */
  protected readonly clientErrors = computed(() => {
    const v = this.value();
    const errors: Partial<Record<Field, string>> = {};
    const country = this.sendingCountry();
    const host = this.sortedOrganisations().find((o) => o.id === v.hostOrganisationId);
    if (country && host) {
      const [violation] = hostViolations(country, host.country);
      if (violation) errors['hostOrganisationId'] = ruleMessage(violation.message);
    }
    if (isIsoDate(v.startDate) && isIsoDate(v.endDate)) {
      const type = v.activityType;
      const violations = type
        ? validateMobilityDates(type, v.startDate, v.endDate)
        : v.endDate < v.startDate
          ? validateMobilityDates('LM-SKILL-VET', v.startDate, v.endDate)
          : [];
      for (const violation of violations) errors[violation.field as Field] = ruleMessage(violation.message);
    }
    if (Number.isInteger(v.travelDays) && (v.travelDays ?? 0) >= 0) {
      const [violation] = travelViolations(v.travelDays ?? 0, v.greenTravel);
      if (violation) errors['travelDays'] = ruleMessage(violation.message);
    }
    // A validator's message wins; the input's own min and max (travel days) leave it to the rule.
    for (const field of FIELDS) {
      const known = Object.keys(this.controls[field].errors ?? {}).find((key) => CLIENT_MESSAGES[field][key]);
      if (known) errors[field] = CLIENT_MESSAGES[field][known];
    }
    return errors;
  });

  protected readonly summary = computed(() => {
    if (!this.submitted()) return [];
    const errors = this.clientErrors();
    return FIELDS.filter((f) => errors[f]).map((f) => ({ field: f, id: idOf(f), message: errors[f] as string }));
  });

  constructor() {
    // What the API said is about the values it was sent: a change makes it stale.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.serverProblem.set(null));
    // The beneficiary sends, unless the person chooses another organisation.
    effect(() => {
      const beneficiary = this.project.hasValue() ? this.project.value().beneficiaryOrganisation.id : null;
      const sending = this.form.controls.sendingOrganisationId;
      if (beneficiary && !untracked(() => sending.value)) sending.setValue(beneficiary);
    });
  }

  /** The message for a field: rule checks once touched (dates, host and travel at once), then the API's. */
  protected error(field: Field): string | null {
    const shown = this.submitted() || LIVE.includes(field) || this.controls[field].touched;
    return (shown ? this.clientErrors()[field] : undefined) ?? this.formErrors.messages()[field];
  }

  protected idOf(field: Field): string {
    return idOf(field);
  }

  protected focusField(event: Event, id: string): void {
    event.preventDefault();
    document.getElementById(id)?.focus();
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    this.submitted.set(true);
    this.formErrors.clear();
    if (this.summary().length > 0) {
      afterNextRender(() => document.getElementById('form-errors')?.focus(), { injector: this.injector });
      return;
    }
    const v = this.form.getRawValue();
    const body: CreateMobilityDto = {
      participant: {
        firstName: v.participant.firstName.trim(),
        lastName: v.participant.lastName.trim(),
        email: v.participant.email.trim(),
        ...(v.participant.dateOfBirth ? { dateOfBirth: v.participant.dateOfBirth } : {}),
      },
      activityType: v.activityType as ActivityCode,
      sendingOrganisationId: v.sendingOrganisationId,
      ...(v.hostOrganisationId ? { hostOrganisationId: v.hostOrganisationId } : {}),
      startDate: v.startDate,
      endDate: v.endDate,
      travelDays: v.travelDays ?? 0,
      greenTravel: v.greenTravel,
    };
    this.saving.set(true);
    try {
      const created = await this.api.invoke(createMobility, { id: this.projectId(), body });
      await this.router.navigate(['/mobilities', created.id]);
    } catch (error) {
      const problem = toApiProblem(error);
      const { atFields } = this.formErrors.report(problem);
      const first = atFields ? FIELDS.find((f) => this.formErrors.messages()[f]) : undefined;
      afterNextRender(() => document.getElementById(first ? idOf(first) : 'server-problem')?.focus(), {
        injector: this.injector,
      });
    } finally {
      this.saving.set(false);
    }
  }
}

function idOf(field: Field): string {
  return `nm-${field.replace('.', '-')}`;
}
