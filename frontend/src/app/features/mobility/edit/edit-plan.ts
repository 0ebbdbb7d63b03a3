import type { MobilityDto } from '@mobility-hub/api-client';
import type {
  MobilityEditCurrent,
  MobilityEditField,
  MobilityEditRequest,
  MobilityEditViolation,
} from '@mobility-hub/domain';
import type { ApiProblem } from '@app/core/api/problem';
import { ruleMessage } from '@app/features/mobility/labels';

/** The fields of the edit form, in the order they appear (the first with a message gets the focus). */
export const EDIT_FIELDS = [
  'startDate',
  'endDate',
  'travelDays',
  'hostOrganisationId',
  'mentorName',
  'mentorEmail',
] as const satisfies readonly MobilityEditField[];
export type EditField = (typeof EDIT_FIELDS)[number];

/** The form's values as its controls hold them. */
export interface EditValue {
  readonly startDate: string;
  readonly endDate: string;
  readonly travelDays: number | null;
  readonly greenTravel: boolean;
  readonly fewerOpportunities: boolean;
  readonly hostOrganisationId: string;
  readonly mentorName: string;
  readonly mentorEmail: string;
}

/** The mobility as the domain's edit rules see it. */
export function editCurrent(m: MobilityDto): MobilityEditCurrent {
  return {
    phase: m.phase,
    activityType: m.activityType,
    startDate: m.startDate,
    endDate: m.endDate,
    hostOrganisationId: m.hostOrganisation?.id ?? null,
    mentorName: m.mentor?.name ?? null,
    mentorEmail: m.mentor?.email ?? null,
    travelDays: m.travelDays,
    greenTravel: m.greenTravel,
    // Null only for those who may not see it, who do not edit (the form is the sending side's).
    fewerOpportunities: m.fewerOpportunities ?? false,
    sendingCountry: m.sendingOrganisation.country,
  };
}

/** The form's values as an edit request: an empty host or mentor input is `null` (none), not a name. */
export function editRequest(value: EditValue): MobilityEditRequest {
  return {
    startDate: value.startDate,
    endDate: value.endDate,
    ...(value.travelDays !== null ? { travelDays: value.travelDays } : {}),
    greenTravel: value.greenTravel,
    fewerOpportunities: value.fewerOpportunities,
    hostOrganisationId: value.hostOrganisationId || null,
    mentorName: value.mentorName.trim() || null,
    mentorEmail: value.mentorEmail.trim() || null,
  };
}

/** The domain's violations, found before sending, shown at their fields like the API's own (a 422). */
export function ruleProblem(violations: readonly MobilityEditViolation[]): ApiProblem {
  return {
    status: 422,
    title: 'Business rule violated',
    detail: violations.map((v) => v.message).join('; '),
    errors: violations.map((v) => ({ ...v, message: ruleMessage(v.message) })),
    unmet: [],
    stale: false,
    code: 'rule-violated',
  };
}
