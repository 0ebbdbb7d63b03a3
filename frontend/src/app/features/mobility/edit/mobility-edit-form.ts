import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  resource,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Api, listOrganisations, type MobilityDto } from '@mobility-hub/api-client';
import {
  canChangeHost,
  MAX_TRAVEL_DAYS,
  mobilityEditBody,
  planMobilityEdit,
  requestedHostId,
} from '@mobility-hub/domain';
import { loadOrExplain, type ApiProblem } from '@app/core/api/problem';
import { injectFocus } from '@app/core/dom/focus';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress } from '@app/core/forms/validators';
import { MobilityFileStore } from '@app/features/mobility/mobility-file.store';
import { EDIT_FIELDS, editCurrent, editRequest, type EditField, ruleProblem } from './edit-plan';

/** What the controls check themselves (the form of a value); the rules of the programme are the domain's. */
const CLIENT_MESSAGES: ClientMessages<EditField> = {
  startDate: {},
  endDate: {},
  travelDays: { required: 'Enter the travel days (0 if none).' },
  hostOrganisationId: {},
  mentorName: { maxlength: 'Shorten the name to 200 characters at most.' },
  mentorEmail: { email: 'Enter an e-mail address such as name@company.eu.' },
};

/**
 * The sending side's "Dates, host and mentor": the dates (due dates follow), the travel days, the
 * BM's fewer-opportunities flag, the host (until the mobility is under way; only organisations abroad) and the host's mentor. The
 * domain's `planMobilityEdit` checks them as the API will, and says what to send: only what changed.
 */
@Component({
  selector: 'app-mobility-edit-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './mobility-edit-form.html',
  styleUrls: ['../mobility.css', './mobility-edit-form.css'],
})
export class MobilityEditForm {
  protected readonly store = inject(MobilityFileStore);
  private readonly api = inject(Api);
  private readonly focus = injectFocus();
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('editForm');

  protected readonly editing = signal(false);
  /** The organisations are read the first time the form opens, and kept. */
  private readonly wantOrganisations = signal(false);
  protected readonly organisations = resource({
    params: () => (this.wantOrganisations() ? { pageSize: 500 } : undefined),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(listOrganisations, params)),
  });

  protected readonly form = new FormGroup({
    startDate: new FormControl('', { nonNullable: true }),
    endDate: new FormControl('', { nonNullable: true }),
    travelDays: new FormControl<number | null>(0, { validators: [Validators.required] }),
    greenTravel: new FormControl(false, { nonNullable: true }),
    fewerOpportunities: new FormControl(false, { nonNullable: true }),
    hostOrganisationId: new FormControl('', { nonNullable: true }),
    mentorName: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    mentorEmail: new FormControl('', { nonNullable: true, validators: [emailAddress] }),
  });
  /** The host chosen in the form ('' for none). */
  protected readonly host = signal('');
  private readonly formErrors = new FormErrors(EDIT_FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'edit-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;
  /** What keeps the edit from being saved beyond the fields: the API's answer, or a closed mobility. */
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly maxTravel = MAX_TRAVEL_DAYS;

  protected readonly hostChangeable = computed(() => {
    const m = this.store.mobility();
    return !!m && canChangeHost(m.phase);
  });

  protected readonly hostOptions = computed(() => {
    const sendingCountry = this.store.mobility()?.sendingOrganisation.country ?? '';
    const all = this.organisations.hasValue() ? this.organisations.value().items : [];
    return all
      .filter((o) => o.country.toUpperCase() !== sendingCountry.toUpperCase())
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  /** The host chosen in the form differs from the mobility's: the old mentor does not come along. */
  protected readonly hostChanged = computed(() => this.host() !== (this.store.mobility()?.hostOrganisation?.id ?? ''));

  constructor() {
    // A mentor belongs to a host: another host starts with an empty mentor, the original one gets its mentor back.
    this.form.controls.hostOrganisationId.valueChanges.pipe(takeUntilDestroyed()).subscribe((hostId) => {
      const m = this.store.mobility();
      const original = hostId === (m?.hostOrganisation?.id ?? '');
      this.setHost(hostId, original ? m?.mentor : null);
    });
  }

  protected start(m: MobilityDto): void {
    this.form.reset(
      {
        startDate: m.startDate,
        endDate: m.endDate,
        travelDays: m.travelDays,
        greenTravel: m.greenTravel,
        fewerOpportunities: m.fewerOpportunities ?? false,
      },
      { emitEvent: false },
    );
    const host = this.form.controls.hostOrganisationId;
    host.setValue(m.hostOrganisation?.id ?? '', { emitEvent: false });
    if (this.hostChangeable()) host.enable({ emitEvent: false });
    else host.disable({ emitEvent: false });
    this.setHost(host.value, m.mentor);
    this.formErrors.clear();
    this.problem.set(null);
    this.wantOrganisations.set(true);
    this.editing.set(true);
    this.focus('edit-startDate');
  }

  protected cancel(): void {
    this.editing.set(false);
    this.focusEditButton();
  }

  protected async save(): Promise<void> {
    const m = this.store.mobility();
    if (!m || this.store.busy()) return;
    this.problem.set(null);
    const valid = this.formErrors.validate(this.form.controls);
    const current = editCurrent(m);
    const request = editRequest(this.form.getRawValue());
    const hostId = requestedHostId(current, request);
    const organisations = this.organisations.hasValue() ? this.organisations.value().items : [];
    const host = hostId ? organisations.find((o) => o.id === hostId) : undefined;
    const plan = planMobilityEdit(current, request, { requestedHost: host && { country: host.country } });
    if (plan.kind === 'refused' && plan.violations.length === 0) {
      // A closed mobility: nothing of it can change, whatever the fields say.
      this.problem.set({ ...ruleProblem([]), status: 409, code: plan.code, title: plan.title, detail: plan.message });
      return;
    }
    if (plan.kind === 'invalid' || plan.kind === 'refused') {
      this.formErrors.report(ruleProblem(plan.violations));
      return;
    }
    if (!valid) return;
    if (plan.kind === 'unchanged') {
      this.editing.set(false);
      this.store.announcement.set('Nothing changed.');
      this.focusEditButton();
      return;
    }
    const outcome = await this.store.update(mobilityEditBody(current, plan.changes));
    if (outcome.kind === 'problem') {
      if (this.formErrors.report(outcome.problem).elsewhere) this.problem.set(outcome.problem);
      return;
    }
    if (outcome.kind !== 'saved') return;
    this.editing.set(false);
    this.store.announcement.set(
      plan.effects.includes('redateTasks') ? 'Changes saved. Due dates have been recalculated.' : 'Changes saved.',
    );
    this.focusEditButton();
  }

  private setHost(hostId: string, mentor: MobilityDto['mentor'] | undefined): void {
    this.host.set(hostId);
    const { mentorName, mentorEmail } = this.form.controls;
    mentorName.setValue(mentor?.name ?? '');
    mentorEmail.setValue(mentor?.email ?? '');
    for (const control of [mentorName, mentorEmail]) {
      if (hostId) control.enable({ emitEvent: false });
      else control.disable({ emitEvent: false });
    }
  }

  private focusEditButton(): void {
    this.focus('edit-dates');
  }
}
