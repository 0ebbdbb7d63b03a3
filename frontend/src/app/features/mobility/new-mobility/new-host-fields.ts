import { ChangeDetectionStrategy, Component, computed, inject, input, output, resource, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  Api,
  createOrganisation,
  listOrganisationCities,
  type CreateOrganisationDto,
  type OrganisationDto,
} from '@mobility-hub/api-client';
import { countryOptions } from '@mobility-hub/domain';
import { toApiProblem } from '@app/core/api/problem';
import { Session } from '@app/core/auth/session';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress, notBlank } from '@app/core/forms/validators';

const FIELDS = ['name', 'kind', 'country', 'city', 'email'] as const;
type Field = (typeof FIELDS)[number];
type Kind = CreateOrganisationDto['kind'];

const CLIENT_MESSAGES: ClientMessages<Field> = {
  name: { required: 'Enter the name of the host organisation.' },
  kind: { required: 'Choose the kind of organisation.' },
  country: { required: 'Choose the country.' },
  city: { required: 'Enter the city.' },
  email: { email: 'Enter an e-mail address like name@example.org.' },
};

export const HOST_KINDS: readonly { readonly value: Kind; readonly label: string }[] = [
  { value: 'company', label: 'Company' },
  { value: 'vet-provider', label: 'VET provider (school)' },
  { value: 'intermediary', label: 'Intermediary' },
  { value: 'other', label: 'Other' },
];

/**
 * Registers a host organisation without leaving the new-mobility form: name, kind, country (chosen
 * by name, the ISO code behind), city (suggested from the organisations already known in that
 * country) and an e-mail. Not a <form> of its own (forms do not nest): Enter saves the host, not the mobility.
 */
@Component({
  selector: 'app-new-host-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './new-host-fields.html',
  styleUrl: './fields.css',
})
export class NewHostFields {
  private readonly api = inject(Api);
  private readonly session = inject(Session);

  /** The sending organisation chosen in the mobility form: it registers the host when it is the person's. */
  readonly registrar = input<string | null>(null);
  readonly created = output<OrganisationDto>();
  readonly cancelled = output<void>();

  protected readonly kinds = HOST_KINDS;
  protected readonly countries = countryOptions();
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [notBlank, Validators.maxLength(200)] }),
    kind: new FormControl<Kind>('company', { nonNullable: true, validators: [Validators.required] }),
    country: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    city: new FormControl('', { nonNullable: true, validators: [notBlank, Validators.maxLength(120)] }),
    email: new FormControl('', { nonNullable: true, validators: [emailAddress] }),
  });
  protected readonly errors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => document.getElementById('nh-fields') ?? undefined,
    idPrefix: 'nh-',
  });
  protected readonly saving = signal(false);

  private readonly country = toSignal(this.form.controls.country.valueChanges, { initialValue: '' });
  /** Cities already known in the chosen country (from the organisations the person sees). */
  protected readonly cities = resource({
    params: () => this.country() || undefined,
    loader: ({ params: country }) => this.api.invoke(listOrganisationCities, { country }).then((r) => r.cities),
  });
  protected readonly citySuggestions = computed(() => (this.cities.hasValue() ? this.cities.value() : []));

  /** The person's own organisation that registers the host: the sending one if theirs, else their only one. */
  private registeredBy(): string | undefined {
    const own = (this.session.user()?.memberships ?? [])
      .filter((m) => m.role !== 'mentor')
      .map((m) => m.organisationId);
    const sending = this.registrar();
    if (sending && own.includes(sending)) return sending;
    return own.length > 1 ? own[0] : undefined;
  }

  protected onEnter(event: Event): void {
    // Enter in these fields saves the host; it must not submit the mobility form around them.
    event.preventDefault();
    void this.save();
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    if (!this.errors.validate(this.form.controls)) return;
    const v = this.form.getRawValue();
    const registeredBy = this.registeredBy();
    const body: CreateOrganisationDto = {
      name: v.name.trim(),
      kind: v.kind,
      country: v.country,
      city: v.city.trim(),
      ...(v.email.trim() ? { email: v.email.trim() } : {}),
      ...(registeredBy ? { registeredByOrganisationId: registeredBy } : {}),
    };
    this.saving.set(true);
    try {
      const organisation = await this.api.invoke(createOrganisation, { body });
      this.form.reset();
      this.errors.clear();
      this.created.emit(organisation);
    } catch (error) {
      this.errors.report(toApiProblem(error));
    } finally {
      this.saving.set(false);
    }
  }
}
