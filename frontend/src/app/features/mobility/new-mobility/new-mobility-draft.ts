import { computed, effect, inject, Injectable, resource, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormControl, FormGroup, type ValidationErrors, Validators } from '@angular/forms';
import { map } from 'rxjs';
import {
  Api,
  type CreateMobilityDto,
  getProject,
  listOrganisations,
  type OrganisationDto,
} from '@mobility-hub/api-client';
import {
  ACTIVITY_TYPES,
  activityDays,
  ageOn,
  dateOfBirthViolations,
  guardianViolations,
  type GuardianRelationship,
  hostViolations,
  isIsoDate,
  isoDateOf,
  isMinorOn,
  travelViolations,
  validateMobilityDates,
} from '@mobility-hub/domain';
import { loadOrExplain } from '@app/core/api/problem';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress, notBlank } from '@app/core/forms/validators';
import { ruleMessage } from '@app/features/mobility/labels';

export type ActivityCode = CreateMobilityDto['activityType'];

/** Fields in the order they appear; the API's dotted paths. */
export const FIELDS = [
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
  'guardian.name',
  'guardian.email',
  'guardian.phone',
  'guardian.relationship',
] as const;
export type Field = (typeof FIELDS)[number];

/** Checked as they change, before the field is left: the rules of the programme. */
const LIVE: readonly Field[] = ['endDate', 'travelDays', 'hostOrganisationId'];

const WHOLE_DAYS = 'Enter a whole number of travel days (0 or more).';
const CLIENT_MESSAGES: ClientMessages<Field> = {
  'participant.firstName': { required: 'Enter the first name.' },
  'participant.lastName': { required: 'Enter the last name.' },
  'participant.email': {
    required: 'Enter an e-mail address.',
    email: 'Enter an e-mail address like name@example.org.',
  },
  'participant.dateOfBirth': { date: 'Enter a valid date of birth.' },
  activityType: { required: 'Choose the activity type.' },
  sendingOrganisationId: { required: 'Choose the sending organisation.' },
  hostOrganisationId: {},
  startDate: { required: 'Enter the first day of the activity abroad.' },
  endDate: { required: 'Enter the last day of the activity abroad.' },
  travelDays: { days: WHOLE_DAYS, min: WHOLE_DAYS },
  'guardian.name': {},
  'guardian.email': { email: 'Enter the guardian’s e-mail address like name@example.org.' },
  'guardian.phone': {},
  'guardian.relationship': {},
};

const isoDate = (c: AbstractControl<string>): ValidationErrors | null =>
  isIsoDate(c.value) ? null : { required: true };
const optionalDate = (c: AbstractControl<string>): ValidationErrors | null =>
  !c.value || isIsoDate(c.value) ? null : { date: true };
const wholeDays = (c: AbstractControl<number | null>): ValidationErrors | null =>
  c.value === null || (Number.isInteger(c.value) && c.value >= 0) ? null : { days: true };

/** The id of a field's input: `nm-participant-email` for `participant.email`. */
/**
 * An activity type's duration in words: the programme's limits, or — where the programme leaves them
 * open (invited experts, hosted educators, preparatory visits) — the installation's, checked on saving.
 */
export function durationText(type: { readonly minDays: number | null; readonly maxDays: number | null }): string {
  return type.minDays !== null && type.maxDays !== null
    ? `${type.minDays}–${type.maxDays} days`
    : 'length as configured for your National Agency';
}

export function idOf(field: Field): string {
  return `nm-${field.replace('.', '-')}`;
}

/**
 * The new-mobility form and what it needs, shared by the page and its fieldsets (provided by the
 * page): the project and the organisations (read with `resource()`), the reactive form, and its
 * messages — each control's validators and the programme's rules, live, then the API's problem
 * mapped to the fields by FormErrors.
 */
@Injectable()
export class NewMobilityDraft {
  private readonly api = inject(Api);

  readonly projectId = signal<string | undefined>(undefined);
  readonly project = resource({
    params: () => this.projectId(),
    loader: ({ params: id }) => loadOrExplain(() => this.api.invoke(getProject, { id })),
  });
  readonly organisations = resource({
    loader: () => loadOrExplain(() => this.api.invoke(listOrganisations, { pageSize: 500 })),
  });

  readonly form = new FormGroup({
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
    fewerOpportunities: new FormControl(false, { nonNullable: true }),
    // Asked for when the learner is under 18 on the first day abroad (GuardianFields).
    guardian: new FormGroup({
      name: new FormControl('', { nonNullable: true }),
      email: new FormControl('', { nonNullable: true, validators: [emailAddress] }),
      phone: new FormControl('', { nonNullable: true }),
      relationship: new FormControl('', { nonNullable: true }),
    }),
  });
  /** The controls by the API's field paths. */
  readonly controls: Readonly<Record<Field, AbstractControl>> = {
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
    'guardian.name': this.form.controls.guardian.controls.name,
    'guardian.email': this.form.controls.guardian.controls.email,
    'guardian.phone': this.form.controls.guardian.controls.phone,
    'guardian.relationship': this.form.controls.guardian.controls.relationship,
  };
  readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  /** The API's problem: its field errors at the fields, the whole of it above the form. */
  readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES);
  readonly submitted = signal(false);

  readonly sortedOrganisations = computed(() =>
    this.organisations.hasValue()
      ? [...this.organisations.value().items].sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );

  /**
   * Who may send: the project's beneficiary (the school), the organisations the person works for on
   * the sending side, and the schools (VET providers) registered as partners — the consortium
   * members. Host companies and intermediaries are not listed. There is no consortium record yet:
   * a partner's kind is what marks it as a possible sending organisation.
   */
  readonly sendingOptions = computed(() => {
    const beneficiary = this.project.hasValue() ? this.project.value().beneficiaryOrganisation.id : null;
    return this.sortedOrganisations().filter(
      (o) => o.id === beneficiary || (o.yourRole !== null && o.yourRole !== 'mentor') || o.kind === 'vet-provider',
    );
  });

  /** Adds an organisation registered from the form (a new host) to the choices, without reloading them. */
  addOrganisation(organisation: OrganisationDto): void {
    if (!this.organisations.hasValue()) return;
    this.organisations.update((page) =>
      page ? { ...page, items: [...page.items, organisation], total: page.total + 1 } : page,
    );
  }

  readonly sendingCountry = computed(() => {
    const id = this.value().sendingOrganisationId;
    const org = this.sortedOrganisations().find((o) => o.id === id);
    if (org) return org.country;
    const beneficiary = this.project.hasValue() ? this.project.value().beneficiaryOrganisation : null;
    return beneficiary && beneficiary.id === id ? beneficiary.country : null;
  });

  /** Hosts abroad first; the rule check still catches a host in the sending country. */
  readonly hostOptions = computed(() => {
    const country = this.sendingCountry();
    const sending = this.value().sendingOrganisationId;
    return this.sortedOrganisations().filter((o) => o.id !== sending && o.country !== country);
  });

  readonly selectedType = computed(() => {
    const code = this.value().activityType;
    return code ? ACTIVITY_TYPES[code] : null;
  });

  /** Days abroad as entered (first and last day counted), or null while the dates are incomplete. */
  readonly duration = computed(() => {
    const { startDate: start, endDate: end } = this.value();
    return isIsoDate(start) && isIsoDate(end) && end >= start ? activityDays(start, end) : null;
  });

  /** Age on the first day abroad as entered (null while date of birth or start is incomplete). */
  readonly ageAtStart = computed(() => {
    const { participant, startDate } = this.value();
    return isIsoDate(participant.dateOfBirth) && isIsoDate(startDate) && participant.dateOfBirth <= startDate
      ? ageOn(participant.dateOfBirth, startDate)
      : null;
  });
  /** Under 18 on the first day abroad: the guardian fieldset is asked for. */
  readonly minor = computed(() => {
    const { participant, startDate } = this.value();
    return isIsoDate(participant.dateOfBirth) && isIsoDate(startDate) && isMinorOn(participant.dateOfBirth, startDate);
  });

  /** The checks before submitting, live: each control's validators, else the programme's rules. */
  readonly clientErrors = computed(() => {
    const v = this.value();
    const errors: Partial<Record<Field, string>> = {};
    // Learners: the date of birth decides whether a guardian consents (and the guardian is then required).
    if (v.activityType) {
      const dob = v.participant.dateOfBirth;
      const today = isoDateOf(new Date());
      for (const violation of dateOfBirthViolations(v.activityType, isIsoDate(dob) ? dob : null, today)) {
        errors['participant.dateOfBirth'] = ruleMessage(violation.message);
      }
    }
    for (const violation of guardianViolations(this.minor(), this.minor() ? v.guardian : undefined)) {
      errors[violation.field as Field] = ruleMessage(violation.message);
    }
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
    if (v.travelDays !== null && Number.isInteger(v.travelDays) && v.travelDays >= 0) {
      const [violation] = travelViolations(v.travelDays, v.greenTravel);
      if (violation) errors['travelDays'] = ruleMessage(violation.message);
    }
    // A validator's message wins; the input's own min and max (travel days) leave it to the rule.
    for (const field of FIELDS) {
      const known = Object.keys(this.controls[field].errors ?? {}).find((key) => CLIENT_MESSAGES[field][key]);
      if (known) errors[field] = CLIENT_MESSAGES[field][known];
    }
    return errors;
  });

  /** After a submit: every field still to correct, for the summary above the form. */
  readonly summary = computed(() => {
    if (!this.submitted()) return [];
    const errors = this.clientErrors();
    return FIELDS.filter((f) => errors[f]).map((f) => ({ field: f, id: idOf(f), message: errors[f] as string }));
  });

  constructor() {
    // What the API said is about the values it was sent: a change makes it stale.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.formErrors.problem.set(null));
    // The beneficiary sends, unless the person chooses another organisation.
    effect(() => {
      const beneficiary = this.project.hasValue() ? this.project.value().beneficiaryOrganisation.id : null;
      const sending = this.form.controls.sendingOrganisationId;
      if (beneficiary && !untracked(() => sending.value)) sending.setValue(beneficiary);
    });
  }

  /** The message for a field: the checks once touched (dates, host and travel at once), then the API's. */
  error(field: Field): string | null {
    const shown = this.submitted() || LIVE.includes(field) || this.controls[field].touched;
    return (shown ? this.clientErrors()[field] : undefined) ?? this.formErrors.messages()[field];
  }

  /** The request body, from a form that passed its checks. */
  body(): CreateMobilityDto {
    const v = this.form.getRawValue();
    return {
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
      // Sent only when set: the API's default is false.
      ...(v.fewerOpportunities ? { fewerOpportunities: true } : {}),
      ...(this.minor()
        ? {
            guardian: {
              name: v.guardian.name.trim(),
              email: v.guardian.email.trim(),
              phone: v.guardian.phone.trim(),
              relationship: v.guardian.relationship as GuardianRelationship,
            },
          }
        : {}),
    };
  }
}
