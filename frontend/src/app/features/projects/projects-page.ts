import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  resource,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  Api,
  createProject,
  listOrganisations,
  listProjects,
  type CreateProjectDto,
  type ProjectDto,
} from '@mobility-hub/api-client';
import { loadOrExplain, toApiProblem } from '@app/core/api/problem';
import { inArea } from '@app/core/auth/roles';
import { Session } from '@app/core/auth/session';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { Notifications } from '@app/core/notifications';
import { formatDate } from '@app/core/format-date';
import { PHASE_LABELS } from '@app/core/phase-labels';
import { MOBILITY_STATES, PROGRAMME_CALL_YEARS, type MobilityState } from '@mobility-hub/domain';
import { ProjectStatusLine } from './lifecycle/project-status-line';
import { RecentHostAnswers } from '@app/features/host-answers/recent-host-answers';

type Action = ProjectDto['action'];

/** The count cells of a project card: every phase and final state, with its label. */
export const PHASES: readonly { readonly key: MobilityState; readonly label: string }[] = MOBILITY_STATES.map(
  (key) => ({
    key,
    label: PHASE_LABELS[key],
  }),
);

export const PROJECTS_PAGE_SIZE = 100;

const FIELDS = [
  'reference',
  'title',
  'action',
  'callYear',
  'beneficiaryOrganisationId',
  'startDate',
  'endDate',
] as const;
type Field = (typeof FIELDS)[number];

const CLIENT_MESSAGES: ClientMessages<Field> = {
  reference: { required: 'Enter the grant agreement reference.' },
  title: { required: 'Enter a title.', maxlength: 'Use at most 300 characters.' },
  action: { required: 'Choose the key action.' },
  callYear: {
    required: 'Enter the call year.',
    min: `The call year is ${PROGRAMME_CALL_YEARS.first} or later (Erasmus+ ${PROGRAMME_CALL_YEARS.first}–${PROGRAMME_CALL_YEARS.last}).`,
    max: `The call year is ${PROGRAMME_CALL_YEARS.last} or earlier (Erasmus+ ${PROGRAMME_CALL_YEARS.first}–${PROGRAMME_CALL_YEARS.last}).`,
  },
  beneficiaryOrganisationId: { required: 'Choose the beneficiary organisation.' },
  startDate: { required: 'Enter the start date.' },
  endDate: { required: 'Enter the end date.' },
};

@Component({
  selector: 'app-projects-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ProjectStatusLine, RecentHostAnswers],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './projects-page.html',
  styleUrl: './projects-page.css',
})
export class ProjectsPage {
  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);
  private readonly session = inject(Session);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('createForm');

  protected readonly phases = PHASES;
  protected readonly formatDate = formatDate;

  protected readonly projects = resource({
    loader: () => {
      return loadOrExplain(() => this.api.invoke(listProjects, { page: 1, pageSize: PROJECTS_PAGE_SIZE }));
    },
  });
  protected readonly items = computed(() => (this.projects.hasValue() ? this.projects.value().items : []));
  protected readonly total = computed(() => (this.projects.hasValue() ? this.projects.value().total : 0));
  /** The id of the project just created, highlighted in the list. */
  protected readonly createdId = signal<string | null>(null);
  /** Programme limits the API named about the project just created (a warning, not a refusal). */
  protected readonly createdWarnings = signal<ProjectDto['warnings']>([]);
  protected readonly callYears = PROGRAMME_CALL_YEARS;

  // --- New project form ---------------------------------------------------
  /**
   * Only a coordinator of the beneficiary opens a project (the API answers 403 to staff): the form is
   * for people who coordinate some organisation, and offers only the organisations they coordinate.
   */
  protected readonly mayCreate = computed(() => {
    const user = this.session.user();
    return !!user && inArea(user, 'coordinator');
  });
  protected readonly formOpen = signal(false);
  protected readonly organisations = resource({
    params: () => (this.formOpen() ? { page: 1, pageSize: 500 } : undefined),
    loader: ({ params }) => {
      return loadOrExplain(() => this.api.invoke(listOrganisations, params));
    },
  });
  /** The organisations the person coordinates: the possible beneficiaries. */
  protected readonly organisationOptions = computed(() =>
    this.organisations.hasValue()
      ? this.organisations
          .value()
          .items.filter((o) => o.yourRole === 'coordinator')
          .sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );

  protected readonly form = new FormGroup({
    reference: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(300)] }),
    action: new FormControl<Action | ''>('', { nonNullable: true, validators: [Validators.required] }),
    callYear: new FormControl<number | null>(new Date().getFullYear(), {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(PROGRAMME_CALL_YEARS.first),
        Validators.max(PROGRAMME_CALL_YEARS.last),
      ],
    }),
    beneficiaryOrganisationId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    startDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    endDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly saving = signal(false);
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'project-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  constructor() {
    effect(() => {
      const error = this.projects.error();
      if (error) this.notifications.show('error', `Projects could not be loaded. ${error.message}`);
    });
    effect(() => {
      const error = this.organisations.error();
      if (error) this.notifications.show('error', `Organisations could not be loaded. ${error.message}`);
    });
    // Someone who coordinates one organisation has no choice to make: it is preselected.
    effect(() => {
      const options = this.organisationOptions();
      const beneficiary = this.form.controls.beneficiaryOrganisationId;
      if (options.length === 1 && !beneficiary.value) beneficiary.setValue(options[0].id);
    });
  }

  protected toggleForm(): void {
    if (!this.mayCreate()) return;
    this.formOpen.update((open) => !open);
    if (this.formOpen()) {
      // The form is rendered on the next change detection; then move focus into it.
      setTimeout(() => this.formEl()?.nativeElement.querySelector<HTMLElement>('#project-reference')?.focus());
    }
  }

  protected cancel(): void {
    this.formOpen.set(false);
    this.form.reset();
    this.formErrors.clear();
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    if (!this.formErrors.validate(this.form.controls)) return;

    const v = this.form.getRawValue();
    const body: CreateProjectDto = {
      reference: v.reference.trim(),
      title: v.title.trim(),
      action: v.action as Action,
      callYear: Number(v.callYear),
      beneficiaryOrganisationId: v.beneficiaryOrganisationId,
      startDate: v.startDate,
      endDate: v.endDate,
    };

    this.saving.set(true);
    try {
      const created = await this.api.invoke(createProject, { body });
      this.projects.update((page) =>
        page
          ? { ...page, items: [created, ...page.items.filter((p) => p.id !== created.id)], total: page.total + 1 }
          : page,
      );
      this.createdId.set(created.id);
      this.createdWarnings.set(created.warnings);
      this.form.reset();
      this.formOpen.set(false);
      this.notifications.show('info', `Project ${created.reference} created.`);
    } catch (error) {
      const problem = toApiProblem(error);
      if (this.formErrors.report(problem).elsewhere)
        this.notifications.show('error', `The project was not created. ${problem.title}: ${problem.detail}`);
    } finally {
      this.saving.set(false);
    }
  }
}
