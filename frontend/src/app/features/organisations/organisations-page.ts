import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  Injector,
  resource,
  signal,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  Api,
  createOrganisation,
  listOrganisationCities,
  listOrganisations,
  type CreateOrganisationDto,
  type OrganisationDto,
} from '@mobility-hub/api-client';
import { countryName, countryOptions } from '@mobility-hub/domain';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { loadOrExplain, toApiProblem } from '@app/core/api/problem';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { Session } from '@app/core/auth/session';
import { Notifications } from '@app/core/notifications';

export type OrganisationKind = OrganisationDto['kind'];

export const ORGANISATION_KINDS: readonly { readonly value: OrganisationKind; readonly label: string }[] = [
  { value: 'vet-provider', label: 'VET provider' },
  { value: 'company', label: 'Company' },
  { value: 'intermediary', label: 'Intermediary' },
  { value: 'other', label: 'Other' },
];

const KIND_LABEL = Object.fromEntries(ORGANISATION_KINDS.map((k) => [k.value, k.label])) as Record<
  OrganisationKind,
  string
>;

/** Fields of the create form, in the order they appear (the first one with an error gets focus). */
const FIELDS = ['registeredByOrganisationId', 'name', 'kind', 'country', 'city', 'oid', 'email', 'timeZone'] as const;
type Field = (typeof FIELDS)[number];

const CLIENT_MESSAGES: ClientMessages<Field> = {
  registeredByOrganisationId: { required: 'Choose which of your organisations registers this partner.' },
  name: { required: 'Enter the name of the organisation.' },
  kind: { required: 'Choose the kind of organisation.' },
  country: { required: 'Choose the country.' },
  city: { required: 'Enter the city.' },
  oid: { pattern: 'An OID is the letter E followed by 8 digits, e.g. E10012345.' },
  email: { email: 'Enter a valid e-mail address.' },
  timeZone: {},
};

export const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 300;

@Component({
  selector: 'app-organisations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './organisations-page.html',
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      justify-content: space-between;
    }
  `,
})
export class OrganisationsPage {
  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);
  private readonly session = inject(Session);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('createForm');

  protected readonly kinds = ORGANISATION_KINDS;
  protected readonly kindLabel = KIND_LABEL;
  protected readonly timeZones = supportedTimeZones();
  protected readonly countries = countryOptions();
  /** The filter's countries: every country by name. */
  protected readonly countryList = [...this.countries.erasmus, ...this.countries.other].sort((a, b) =>
    a.name.localeCompare(b.name, 'en'),
  );
  protected readonly countryName = countryName;

  /** The organisations the person works for on the sending side: one of them registers a new partner. */
  protected readonly ownOrganisations = computed(() =>
    (this.session.user()?.memberships ?? []).filter((m) => m.role !== 'mentor'),
  );
  /** Several: the person chooses which one registers the partner (the API needs to know). */
  protected readonly choosesRegistrar = computed(() => this.ownOrganisations().length > 1);
  private readonly coordinated = computed(
    () =>
      new Set(
        (this.session.user()?.memberships ?? []).filter((m) => m.role === 'coordinator').map((m) => m.organisationId),
      ),
  );

  // --- Filters and paging -------------------------------------------------
  /** "Register an organisation" shows the form (closed at first: the directory is what the page is for). */
  protected readonly formOpen = signal(false);
  private readonly injector = inject(Injector);
  protected readonly query = signal('');
  protected readonly country = signal('');
  protected readonly kind = signal<OrganisationKind | ''>('');
  protected readonly page = signal(1);
  private readonly debouncedQuery = toSignal(
    toObservable(this.query).pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged()),
    { initialValue: '' },
  );
  /** The country filter only applies once it is empty or a full two-letter code. */
  private readonly countryFilter = computed(() => {
    const c = this.country().trim().toUpperCase();
    return c.length === 2 ? c : '';
  });

  protected readonly organisations = resource({
    params: () => ({
      page: this.page(),
      pageSize: PAGE_SIZE,
      country: this.countryFilter() || undefined,
      kind: this.kind() || undefined,
      q: this.debouncedQuery().trim() || undefined,
    }),
    loader: ({ params }) => {
      return loadOrExplain(() => this.api.invoke(listOrganisations, params));
    },
  });

  protected readonly items = computed(() => (this.organisations.hasValue() ? this.organisations.value().items : []));
  protected readonly total = computed(() => (this.organisations.hasValue() ? this.organisations.value().total : 0));
  protected readonly pageCount = computed(() => Math.max(1, Math.ceil(this.total() / PAGE_SIZE)));

  // --- Create form --------------------------------------------------------
  protected readonly form = new FormGroup({
    registeredByOrganisationId: new FormControl('', { nonNullable: true }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    kind: new FormControl<OrganisationKind | ''>('', { nonNullable: true, validators: [Validators.required] }),
    country: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    city: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120)] }),
    oid: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^\s*E\d{8}\s*$/)] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.email] }),
    timeZone: new FormControl('', { nonNullable: true }),
  });
  protected readonly saving = signal(false);
  private readonly chosenCountry = toSignal(this.form.controls.country.valueChanges, { initialValue: '' });
  /** Cities already known in the chosen country: suggestions, not a gazetteer. */
  private readonly cities = resource({
    params: () => this.chosenCountry() || undefined,
    loader: ({ params: country }) => this.api.invoke(listOrganisationCities, { country }).then((r) => r.cities),
  });
  protected readonly citySuggestions = computed(() => (this.cities.hasValue() ? this.cities.value() : []));
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'org-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  constructor() {
    // Required only for someone working for several organisations.
    effect(() => {
      const control = this.form.controls.registeredByOrganisationId;
      control.setValidators(this.choosesRegistrar() ? [Validators.required] : []);
      control.updateValueAndValidity();
    });
    effect(() => {
      const error = this.organisations.error();
      if (error) this.notifications.show('error', `Organisations could not be loaded. ${error.message}`);
    });
  }

  /**
   * The link to an organisation's people: its team, for its coordinators; its mentors, for a host
   * company registered by an organisation the person coordinates. Null for anyone else.
   */
  protected teamLink(
    organisation: OrganisationDto,
  ): { readonly label: string; readonly path: readonly string[] } | null {
    const path = ['/organisations', organisation.id, 'team'];
    if (organisation.yourRole === 'coordinator') return { label: 'Team', path };
    const registrar = organisation.registeredByOrganisationId;
    return registrar && this.coordinated().has(registrar) ? { label: 'Mentors', path } : null;
  }

  protected onQuery(value: string): void {
    this.query.set(value);
    this.page.set(1);
  }

  protected onCountry(value: string): void {
    this.country.set(value);
    this.page.set(1);
  }

  protected onKind(value: string): void {
    this.kind.set(value as OrganisationKind | '');
    this.page.set(1);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected toggleForm(): void {
    this.formOpen.update((open) => !open);
    if (this.formOpen())
      afterNextRender(() => document.getElementById('org-name')?.focus(), { injector: this.injector });
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    if (!this.formErrors.validate(this.form.controls)) return;

    const v = this.form.getRawValue();
    const body: CreateOrganisationDto = {
      ...(this.choosesRegistrar() && v.registeredByOrganisationId
        ? { registeredByOrganisationId: v.registeredByOrganisationId }
        : {}),
      name: v.name.trim(),
      kind: v.kind as OrganisationKind,
      country: v.country,
      city: v.city.trim(),
      ...(v.oid.trim() ? { oid: v.oid.trim() } : {}),
      ...(v.email.trim() ? { email: v.email.trim() } : {}),
      ...(v.timeZone.trim() ? { timeZone: v.timeZone.trim() } : {}),
    };

    this.saving.set(true);
    try {
      const created = await this.api.invoke(createOrganisation, { body });
      this.form.reset();
      this.notifications.show('info', `Organisation “${created.name}” created.`);
      this.organisations.reload();
    } catch (error) {
      const problem = toApiProblem(error);
      if (this.formErrors.report(problem).elsewhere)
        this.notifications.show('error', `The organisation was not saved. ${problem.title}: ${problem.detail}`);
    } finally {
      this.saving.set(false);
    }
  }
}

function supportedTimeZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}
