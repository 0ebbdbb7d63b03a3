import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  Api,
  getOrganisation,
  listAuditEvents,
  type AuditPageDto,
  type OrganisationDto,
} from '@mobility-hub/api-client';
import { toApiProblem, type ApiProblem } from '../../core/api/problem';
import { formatDateTime } from '../../core/format-date';
import { auditDetail, auditKindLabel } from './audit-labels';
import { TeamNav } from './team-nav';

export const AUDIT_PAGE_SIZE = 25;

/**
 * `organisations/:organisationId/team/audit`, for its coordinators: the organisation's security
 * events — sign-ins and failures of its members, role changes, invitations, links used — newest first,
 * a page at a time.
 */
@Component({
  selector: 'app-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TeamNav],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './audit-page.html',
  styleUrl: './team-page.css',
})
export class AuditPage {
  /** From the route `organisations/:organisationId/team/audit`. */
  readonly organisationId = input.required<string>();

  private readonly api = inject(Api);

  protected readonly formatDateTime = formatDateTime;
  protected readonly kindLabel = auditKindLabel;
  protected readonly detail = auditDetail;

  protected readonly organisation = signal<OrganisationDto | null>(null);
  protected readonly page = signal(1);
  protected readonly events = signal<AuditPageDto | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly pageCount = computed(() => Math.max(1, Math.ceil((this.events()?.total ?? 0) / AUDIT_PAGE_SIZE)));

  constructor() {
    effect(() => {
      const id = this.organisationId();
      untracked(() => {
        this.page.set(1);
        void this.load(id);
      });
    });
  }

  async load(id = this.organisationId()): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [organisation, events] = await Promise.all([
        this.organisation()?.id === id
          ? Promise.resolve(this.organisation() as OrganisationDto)
          : this.api.invoke(getOrganisation, { id }),
        this.api.invoke(listAuditEvents, { id, page: this.page(), pageSize: AUDIT_PAGE_SIZE }),
      ]);
      this.organisation.set(organisation);
      this.events.set(events);
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected goTo(page: number): void {
    const next = Math.min(Math.max(1, page), this.pageCount());
    if (next === this.page()) return;
    this.page.set(next);
    void this.load();
  }
}
