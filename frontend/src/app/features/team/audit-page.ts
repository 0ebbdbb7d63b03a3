import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api, getOrganisation, listAuditEvents, type AuditPageDto } from '@mobility-hub/api-client';
import { loadOrExplain, loadProblemOf } from '@app/core/api/problem';
import { formatDateTime } from '@app/core/format-date';
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

  /** Page 1 again for another organisation. */
  protected readonly page = linkedSignal({ source: this.organisationId, computation: () => 1 });

  private readonly organisationResource = resource({
    params: () => ({ id: this.organisationId() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getOrganisation, params)),
  });
  private readonly eventsResource = resource({
    params: () => ({ id: this.organisationId(), page: this.page(), pageSize: AUDIT_PAGE_SIZE }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(listAuditEvents, params)),
  });

  protected readonly organisation = computed(() =>
    this.organisationResource.hasValue() ? this.organisationResource.value() : null,
  );
  /** The page of events shown; while another page loads, the last one stays (and the pager with it). */
  protected readonly events = linkedSignal<{ value: AuditPageDto | null; loading: boolean }, AuditPageDto | null>({
    source: () => ({
      value: this.eventsResource.hasValue() ? this.eventsResource.value() : null,
      loading: this.eventsResource.isLoading(),
    }),
    computation: ({ value, loading }, previous) => value ?? (loading ? (previous?.value ?? null) : null),
  });
  protected readonly loading = computed(() => this.organisationResource.isLoading() || this.eventsResource.isLoading());
  protected readonly problem = computed(
    () => loadProblemOf(this.organisationResource) ?? loadProblemOf(this.eventsResource),
  );

  protected readonly pageCount = computed(() => Math.max(1, Math.ceil((this.events()?.total ?? 0) / AUDIT_PAGE_SIZE)));

  /** Reads again what failed. */
  load(): void {
    if (this.organisationResource.error()) this.organisationResource.reload();
    this.eventsResource.reload();
  }

  protected goTo(page: number): void {
    const next = Math.min(Math.max(1, page), this.pageCount());
    if (next === this.page()) return;
    this.page.set(next);
  }
}
