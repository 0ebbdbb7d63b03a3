import type { MobilityDto, OrganisationDto, UpdateMobilityDto } from '@mobility-hub/api-client';
import { hostViolations, isIsoDate, type RuleViolation, validateMobilityDates } from '@mobility-hub/domain';
import type { ApiProblem } from '@app/core/api/problem';
import { ruleMessage } from '../labels';

/** The fields of the dates, host and mentor form, in the order they appear. */
export const EDIT_FIELDS = ['startDate', 'endDate', 'hostOrganisationId', 'mentorName', 'mentorEmail'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
export type EditValue = Readonly<Record<EditField, string>>;

export type EditPlan =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'invalid'; readonly violations: readonly RuleViolation[] }
  | { readonly kind: 'edit'; readonly body: UpdateMobilityDto };

/**
 * What saving the form means for the mobility: the rules of the programme it breaks (dates for the
 * activity type, a host abroad, a mentor only with a host), else the PATCH body with only what
 * changed — a new host clears the mentor unless one is named.
 */
export function planEdit(
  m: MobilityDto,
  value: EditValue,
  organisations: readonly OrganisationDto[],
  hostChangeable: boolean,
): EditPlan {
  const violations: RuleViolation[] = [];
  const { startDate, endDate } = value;
  if (isIsoDate(startDate) && isIsoDate(endDate))
    violations.push(...validateMobilityDates(m.activityType, startDate, endDate));
  const host = organisations.find((o) => o.id === value.hostOrganisationId) ?? null;
  violations.push(...hostViolations(m.sendingOrganisation.country, host?.country ?? null));
  const mentorName = value.mentorName.trim() || null;
  const mentorEmail = value.mentorEmail.trim().toLowerCase() || null;
  if ((mentorName || mentorEmail) && !value.hostOrganisationId) {
    const field = mentorEmail ? 'mentorEmail' : 'mentorName';
    violations.push({ field, rule: 'needs a host', message: 'A mentor belongs to the host: choose the host first.' });
  }
  if (violations.length > 0) return { kind: 'invalid', violations };

  const body: UpdateMobilityDto = {};
  if (startDate !== m.startDate) body.startDate = startDate;
  if (endDate !== m.endDate) body.endDate = endDate;
  const hostId = value.hostOrganisationId || null;
  const hostChanged = hostChangeable && hostId !== (m.hostOrganisation?.id ?? null);
  if (hostChanged) body.hostOrganisationId = hostId;
  const mentorChanged =
    mentorName !== (m.mentor?.name ?? null) || mentorEmail !== (m.mentor?.email?.toLowerCase() ?? null);
  // A new host clears the mentor unless one is named; the same host keeps it unless it changed.
  if (hostChanged ? mentorName !== null || mentorEmail !== null : mentorChanged) {
    body.mentorName = mentorName;
    body.mentorEmail = mentorEmail;
  }
  return Object.keys(body).length === 0 ? { kind: 'unchanged' } : { kind: 'edit', body };
}

/** Rule violations found before sending, shown at their fields like the API's own (a 422). */
export function ruleProblem(violations: readonly RuleViolation[]): ApiProblem {
  return {
    status: 422,
    title: 'Business rule violated',
    detail: violations.map((v) => v.message).join('; '),
    errors: violations.map((v) => ({ ...v, message: ruleMessage(v.message) })),
    unmet: [],
    stale: false,
  };
}
