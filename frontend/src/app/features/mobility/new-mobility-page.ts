import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  Api,
  createMobility,
  CreateMobilityDto,
  getProject,
  listOrganisations,
  OrganisationDto,
  ProjectDto,
} from '@mobility-hub/api-client';
import {
  ACTIVITY_TYPES,
  activityDays,
  hostViolations,
  isIsoDate,
  MAX_TRAVEL_DAYS,
  travelViolations,
  validateMobilityDates,
} from '@mobility-hub/domain';
import { ApiProblem, fieldMessage, toApiProblem } from '../../core/api/problem';
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form that creates one learner's or staff member's mobility in a project. */
@Component({
  selector: 'app-new-mobility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page new-mobility-page' },
  imports: [RouterLink],
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

  protected readonly project = signal<ProjectDto | null>(null);
  protected readonly organisations = signal<readonly OrganisationDto[]>([]);
  protected readonly loadProblem = signal<ApiProblem | null>(null);

  protected readonly firstName = signal('');
  protected readonly lastName = signal('');
  protected readonly email = signal('');
  protected readonly dateOfBirth = signal('');
  protected readonly activityType = signal<ActivityCode | ''>('');
  protected readonly sendingOrganisationId = signal('');
  protected readonly hostOrganisationId = signal('');
  protected readonly startDate = signal('');
  protected readonly endDate = signal('');
  protected readonly travelDays = signal('0');
  protected readonly greenTravel = signal(false);

  protected readonly touched = signal<ReadonlySet<Field>>(new Set());
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly serverProblem = signal<ApiProblem | null>(null);

  protected readonly sortedOrganisations = computed(() =>
    [...this.organisations()].sort((a, b) => a.name.localeCompare(b.name)),
  );

  protected readonly sendingCountry = computed(() => {
    const id = this.sendingOrganisationId();
    const org = this.organisations().find((o) => o.id === id);
    if (org) return org.country;
    const beneficiary = this.project()?.beneficiaryOrganisation;
    return beneficiary && beneficiary.id === id ? beneficiary.country : null;
  });

  /** Hosts abroad first; the rule check still catches a host in the sending country. */
  protected readonly hostOptions = computed(() => {
    const country = this.sendingCountry();
    return this.sortedOrganisations().filter((o) => o.id !== this.sendingOrganisationId() && o.country !== country);
  });

  protected readonly selectedType = computed(() => {
    const code = this.activityType();
    return code ? ACTIVITY_TYPES[code] : null;
  });

  /** Days abroad as entered (first and last day counted), or null while the dates are incomplete. */
  protected readonly duration = computed(() => {
    const start = this.startDate();
    const end = this.endDate();
    return isIsoDate(start) && isIsoDate(end) && end >= start ? activityDays(start, end) : null;
  });

  /** The API's rules, checked before submitting. */
  protected readonly clientErrors = computed(() => {
    const errors: Partial<Record<Field, string>> = {};
    if (!this.firstName().trim()) errors['participant.firstName'] = 'Enter the first name.';
    if (!this.lastName().trim()) errors['participant.lastName'] = 'Enter the last name.';
    const email = this.email().trim();
    if (!email) errors['participant.email'] = 'Enter an e-mail address.';
    else if (!EMAIL.test(email)) errors['participant.email'] = 'Enter an e-mail address like name@example.org.';
    const dob = this.dateOfBirth();
    if (dob && !isIsoDate(dob)) errors['participant.dateOfBirth'] = 'Enter a valid date of birth or leave it empty.';
    const type = this.activityType();
    if (!type) errors['activityType'] = 'Choose the activity type.';
    if (!this.sendingOrganisationId()) errors['sendingOrganisationId'] = 'Choose the sending organisation.';
    const country = this.sendingCountry();
    const host = this.organisations().find((o) => o.id === this.hostOrganisationId());
    if (country && host) {
      const [violation] = hostViolations(country, host.country);
      if (violation) errors['hostOrganisationId'] = ruleMessage(violation.message);
    }
    const start = this.startDate();
    const end = this.endDate();
    if (!isIsoDate(start)) errors['startDate'] = 'Enter the first day of the activity abroad.';
    if (!isIsoDate(end)) errors['endDate'] = 'Enter the last day of the activity abroad.';
    if (isIsoDate(start) && isIsoDate(end)) {
      const violations = type
        ? validateMobilityDates(type, start, end)
        : end < start
          ? validateMobilityDates('LM-SKILL-VET', start, end)
          : [];
      for (const v of violations) errors[v.field as Field] = ruleMessage(v.message);
    }
    const travel = this.travelDays().trim();
    if (travel !== '') {
      const days = Number(travel);
      if (!Number.isInteger(days) || days < 0)
        errors['travelDays'] = 'Enter a whole number of travel days (0 or more).';
      else {
        const [violation] = travelViolations(days, this.greenTravel());
        if (violation) errors['travelDays'] = ruleMessage(violation.message);
      }
    }
    return errors;
  });

  protected readonly summary = computed(() => {
    if (!this.submitted()) return [];
    const errors = this.clientErrors();
    return FIELDS.filter((f) => errors[f]).map((f) => ({ field: f, id: idOf(f), message: errors[f] as string }));
  });

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
  }

  /** The message for a field: rule checks once touched (dates and travel at once), then the API's. */
  protected error(field: Field): string | null {
    const live = field === 'endDate' || field === 'travelDays' || field === 'hostOrganisationId';
    const shown = this.submitted() || live || this.touched().has(field);
    return (shown ? this.clientErrors()[field] : undefined) ?? fieldMessage(this.serverProblem(), field);
  }

  protected touch(field: Field): void {
    if (!this.touched().has(field)) this.touched.update((set) => new Set([...set, field]));
  }

  protected idOf(field: Field): string {
    return idOf(field);
  }

  protected set(
    field:
      | 'firstName'
      | 'lastName'
      | 'email'
      | 'dateOfBirth'
      | 'sendingOrganisationId'
      | 'hostOrganisationId'
      | 'startDate'
      | 'endDate'
      | 'travelDays',
    event: Event,
  ): void {
    this[field].set((event.target as HTMLInputElement).value);
    this.serverProblem.set(null);
  }

  protected setActivityType(event: Event): void {
    this.activityType.set((event.target as HTMLSelectElement).value as ActivityCode | '');
    this.serverProblem.set(null);
  }

  protected setGreenTravel(event: Event): void {
    this.greenTravel.set((event.target as HTMLInputElement).checked);
  }

  protected focusField(event: Event, id: string): void {
    event.preventDefault();
    document.getElementById(id)?.focus();
  }

  private async load(projectId: string): Promise<void> {
    this.loadProblem.set(null);
    try {
      const [project, organisations] = await Promise.all([
        this.api.invoke(getProject, { id: projectId }),
        this.api.invoke(listOrganisations, { pageSize: 500 }),
      ]);
      this.project.set(project);
      this.organisations.set(organisations.items);
      if (!this.sendingOrganisationId()) this.sendingOrganisationId.set(project.beneficiaryOrganisation.id);
    } catch (error) {
      this.loadProblem.set(toApiProblem(error));
    }
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving()) return;
    this.submitted.set(true);
    this.serverProblem.set(null);
    const first = this.summary()[0];
    if (first) {
      afterNextRender(() => document.getElementById('form-errors')?.focus(), { injector: this.injector });
      return;
    }
    const body: CreateMobilityDto = {
      participant: {
        firstName: this.firstName().trim(),
        lastName: this.lastName().trim(),
        email: this.email().trim(),
        ...(this.dateOfBirth() ? { dateOfBirth: this.dateOfBirth() } : {}),
      },
      activityType: this.activityType() as ActivityCode,
      sendingOrganisationId: this.sendingOrganisationId(),
      ...(this.hostOrganisationId() ? { hostOrganisationId: this.hostOrganisationId() } : {}),
      startDate: this.startDate(),
      endDate: this.endDate(),
      travelDays: this.travelDays().trim() === '' ? 0 : Number(this.travelDays()),
      greenTravel: this.greenTravel(),
    };
    this.saving.set(true);
    try {
      const created = await this.api.invoke(createMobility, { id: this.projectId(), body });
      await this.router.navigate(['/mobilities', created.id]);
    } catch (error) {
      const problem = toApiProblem(error);
      this.serverProblem.set(problem);
      const firstField = FIELDS.find((f) => fieldMessage(problem, f));
      afterNextRender(() => document.getElementById(firstField ? idOf(firstField) : 'server-problem')?.focus(), {
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
