import { ActivityTypeCode, DurationLimits, RuleViolation, validateMobilityDates } from './activity-types';
import { IsoDate, isIsoDate } from './dates';
import { projectDateViolations } from './calendar';
import { canChangeHost, hostViolations, travelViolations } from './mobility-rules';
import { isFinalState, MobilityState } from './phases';
import type { ProblemCode } from './problem-codes';

/** What a mobility is now, as far as its edit rules care. */
export interface MobilityEditCurrent {
  readonly phase: MobilityState;
  readonly activityType: ActivityTypeCode;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly hostOrganisationId: string | null;
  readonly mentorName: string | null;
  readonly mentorEmail: string | null;
  readonly travelDays: number;
  readonly greenTravel: boolean;
  /** The BM's "participant with fewer opportunities" flag (no reason is recorded). */
  readonly fewerOpportunities: boolean;
  /** The sending organisation's country: the host must be in another one. */
  readonly sendingCountry: string;
  /** The actual last day of an interrupted stay: new planned dates must keep it inside the stay. */
  readonly actualEndDate?: IsoDate | null;
}

/**
 * The edit asked for (the PATCH body): every field optional, an absent one keeps its value;
 * `null` removes the host or the mentor.
 */
export interface MobilityEditRequest {
  readonly startDate?: IsoDate;
  readonly endDate?: IsoDate;
  readonly hostOrganisationId?: string | null;
  readonly travelDays?: number;
  readonly greenTravel?: boolean;
  readonly fewerOpportunities?: boolean;
  readonly mentorName?: string | null;
  readonly mentorEmail?: string | null;
}

/** What the caller looked up for the plan. */
export interface MobilityEditContext {
  /**
   * The organisation named by `requestedHostId(current, request)`: its country, or null when it is
   * not an organisation of the sending school (the school itself or a partner it registered).
   * Consulted only when the request names a new host; absent then counts as not found.
   */
  readonly requestedHost?: { readonly country: string } | null;
  /**
   * The project's dates: new mobility dates must lie within them (422 naming startDate/endDate).
   * The API always passes them; a form without them leaves that check to the API.
   */
  readonly project?: { readonly startDate: IsoDate; readonly endDate: IsoDate };
  /** Duration limits the programme leaves open, from the installation's configuration. */
  readonly durationLimits?: DurationLimits;
}

/** The request fields a violation can name: where a form shows it. */
export const MOBILITY_EDIT_FIELDS = [
  'startDate',
  'endDate',
  'hostOrganisationId',
  'mentorName',
  'mentorEmail',
  'travelDays',
] as const;
export type MobilityEditField = (typeof MOBILITY_EDIT_FIELDS)[number];

export interface MobilityEditViolation extends RuleViolation {
  readonly field: MobilityEditField;
}

/**
 * What the edit sets off besides its columns, in the order the backend carries it out: the task
 * effects before the columns are saved (reminders are re-planned from the tasks as they are then),
 * the placement request after.
 * - `redateTasks`: due dates of tasks not done follow the new dates.
 * - `reopenHostConfirmation`: a new (or no) host has confirmed nothing: its task is open again.
 * - `reopenHostSearch`: no host any more: the search for one is open again.
 * - `requestPlacement`: the new host is asked to confirm the placement.
 */
export const MOBILITY_EDIT_EFFECTS = [
  'redateTasks',
  'reopenHostConfirmation',
  'reopenHostSearch',
  'requestPlacement',
] as const;
export type MobilityEditEffect = (typeof MOBILITY_EDIT_EFFECTS)[number];

/**
 * The mobility columns an edit writes, only those that change (`placementConfirmedAt` is reset
 * whenever the host changes). Mentor name trimmed, mentor e-mail trimmed and lower-cased.
 */
export interface MobilityEditChanges {
  readonly startDate?: IsoDate;
  readonly endDate?: IsoDate;
  readonly hostOrganisationId?: string | null;
  readonly placementConfirmedAt?: null;
  readonly mentorName?: string | null;
  readonly mentorEmail?: string | null;
  readonly travelDays?: number;
  readonly greenTravel?: boolean;
  readonly fewerOpportunities?: boolean;
}

/** Why an edit is refused as a whole: 409 (`mobility-closed`, `host-fixed`) or 404 (`not-found`: the host). */
export type MobilityEditRefusalCode = Extract<ProblemCode, 'mobility-closed' | 'host-fixed' | 'not-found'>;

export type MobilityEditPlan =
  /** Nothing would change: nothing is written, whatever the mobility's state. */
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'refused';
      readonly code: MobilityEditRefusalCode;
      readonly title: string;
      readonly message: string;
      /** The fields the refusal concerns (none for a closed mobility). */
      readonly violations: readonly MobilityEditViolation[];
    }
  /** Business rules broken (422): every violation names its request field. */
  | { readonly kind: 'invalid'; readonly violations: readonly MobilityEditViolation[] }
  | {
      readonly kind: 'edit';
      readonly changes: MobilityEditChanges;
      readonly effects: readonly MobilityEditEffect[];
      /**
       * The history entry's text when dates, host or the fewer-opportunities flag change ("who changed
       * them, from what"); null otherwise.
       */
      readonly history: string | null;
    };

/** The host the plan needs looked up (`context.requestedHost`): one the request names instead of the current. */
export function requestedHostId(
  current: Pick<MobilityEditCurrent, 'hostOrganisationId'>,
  request: MobilityEditRequest,
): string | null {
  const id = request.hostOrganisationId;
  return id !== undefined && id !== null && id !== current.hostOrganisationId ? id : null;
}

/**
 * The rules for editing a mobility's dates, host, mentor, travel and fewer-opportunities flag, in the order the API applies
 * them: input that is not a date or a day count is `invalid` first; a request that changes nothing
 * is `unchanged` (even on a closed mobility); a completed or withdrawn mobility is `refused`
 * (`mobility-closed`); so is a new host outside application and preparation (`host-fixed`) and a
 * host that is not one of the school's organisations (`not-found`); then the dates must suit the
 * activity type (when they change), the travel days the green-travel choice and the host must be
 * abroad (`invalid`, all together); last, a mentor needs a host (`invalid`, naming `mentorEmail`
 * when an e-mail is given, `mentorName` otherwise). A new host clears the mentor unless the
 * request names one, resets the placement confirmation, re-opens the host confirmation task, and
 * is asked to confirm; removing the host re-opens the host search instead.
 *
 * The backend looks up what `context` needs, plans, and turns the plan into problems or SQL in one
 * transaction. A form (the dashboard's edit form) uses it the same way, before sending:
 * - pass the form's values as `request` (an empty host or mentor input as `null`, not `''`:
 *   a blank name trims to `''`, which is a name; the fields it does not show left out) and the
 *   chosen host from its organisation list as `context.requestedHost` (`undefined` when not in it);
 * - `invalid` and `refused` violations go to the fields they name (`field` is a form control
 *   name); a `refused` without violations (a closed mobility) is a message for the whole form;
 * - `unchanged`: nothing to send; `edit`: `changes` says what would change (e.g. announce that
 *   due dates are recalculated when `effects` has `redateTasks`), and
 *   `mobilityEditBody(current, changes)` is the smallest PATCH body that asks for it.
 */
export function planMobilityEdit(
  current: MobilityEditCurrent,
  request: MobilityEditRequest,
  context: MobilityEditContext = {},
): MobilityEditPlan {
  const malformed = inputViolations(request);
  if (malformed.length) return { kind: 'invalid', violations: malformed };

  const startDate = request.startDate ?? current.startDate;
  const endDate = request.endDate ?? current.endDate;
  const hostId = request.hostOrganisationId === undefined ? current.hostOrganisationId : request.hostOrganisationId;
  const travelDays = request.travelDays ?? current.travelDays;
  const greenTravel = request.greenTravel ?? current.greenTravel;
  const fewerOpportunities = request.fewerOpportunities ?? current.fewerOpportunities;
  const datesChanged = startDate !== current.startDate || endDate !== current.endDate;
  const hostChanged = hostId !== current.hostOrganisationId;
  // A new host brings its own mentor: the old one is cleared unless the request names one.
  const mentorName =
    request.mentorName !== undefined ? (request.mentorName?.trim() ?? null) : hostChanged ? null : current.mentorName;
  const mentorEmail =
    request.mentorEmail !== undefined
      ? (request.mentorEmail?.trim().toLowerCase() ?? null)
      : hostChanged
        ? null
        : current.mentorEmail;
  const mentorNameChanged = mentorName !== current.mentorName;
  const mentorEmailChanged = mentorEmail !== current.mentorEmail;
  const travelDaysChanged = travelDays !== current.travelDays;
  const greenTravelChanged = greenTravel !== current.greenTravel;
  const fewerOpportunitiesChanged = fewerOpportunities !== current.fewerOpportunities;

  if (
    !datesChanged &&
    !hostChanged &&
    !mentorNameChanged &&
    !mentorEmailChanged &&
    !travelDaysChanged &&
    !greenTravelChanged &&
    !fewerOpportunitiesChanged
  ) {
    return { kind: 'unchanged' };
  }
  if (isFinalState(current.phase)) {
    return {
      kind: 'refused',
      code: 'mobility-closed',
      title: 'Mobility closed',
      message: `The mobility is ${current.phase} and can no longer change.`,
      violations: [],
    };
  }
  if (hostChanged && !canChangeHost(current.phase)) {
    return {
      kind: 'refused',
      code: 'host-fixed',
      title: 'Host can no longer change',
      message: `The host can change during application and preparation only; the mobility is in ${current.phase}.`,
      violations: [
        {
          field: 'hostOrganisationId',
          rule: 'changeable before implementation',
          message: 'the host is fixed once the mobility is under way',
        },
      ],
    };
  }
  const newHost = hostChanged && hostId !== null ? (context.requestedHost ?? null) : null;
  if (hostChanged && hostId !== null && newHost === null) {
    const message = `Organisation ${hostId} does not exist`;
    return {
      kind: 'refused',
      code: 'not-found',
      title: 'Not found',
      message,
      violations: [{ field: 'hostOrganisationId', rule: 'exists', message }],
    };
  }
  const violations = editViolations([
    ...(datesChanged ? validateMobilityDates(current.activityType, startDate, endDate, context.durationLimits) : []),
    ...(datesChanged && context.project ? projectDateViolations({ startDate, endDate }, context.project) : []),
    ...(datesChanged ? interruptionViolations(current.actualEndDate ?? null, startDate, endDate) : []),
    ...travelViolations(travelDays, greenTravel),
    ...hostViolations(current.sendingCountry, newHost?.country ?? null),
  ]);
  if (violations.length) return { kind: 'invalid', violations };
  if ((mentorName !== null || mentorEmail !== null) && hostId === null) {
    return {
      kind: 'invalid',
      violations: [
        {
          field: mentorEmail !== null ? 'mentorEmail' : 'mentorName',
          rule: 'needs a host',
          message: 'a mentor belongs to a host organisation: assign the host first',
        },
      ],
    };
  }

  const effects: MobilityEditEffect[] = [];
  if (datesChanged) effects.push('redateTasks');
  if (hostChanged) effects.push('reopenHostConfirmation', hostId === null ? 'reopenHostSearch' : 'requestPlacement');
  const history = [
    datesChanged ? `dates ${current.startDate}–${current.endDate} → ${startDate}–${endDate}` : null,
    hostChanged ? `host ${current.hostOrganisationId ?? 'none'} → ${hostId ?? 'none'}` : null,
    // A BM figure the final report counts: who set or cleared it is kept (never why).
    fewerOpportunitiesChanged
      ? `fewer opportunities: ${yesNo(current.fewerOpportunities)} → ${yesNo(fewerOpportunities)}`
      : null,
  ].filter((part): part is string => part !== null);
  return {
    kind: 'edit',
    changes: {
      ...(startDate !== current.startDate ? { startDate } : {}),
      ...(endDate !== current.endDate ? { endDate } : {}),
      ...(hostChanged ? { hostOrganisationId: hostId, placementConfirmedAt: null } : {}),
      ...(mentorNameChanged ? { mentorName } : {}),
      ...(mentorEmailChanged ? { mentorEmail } : {}),
      ...(travelDaysChanged ? { travelDays } : {}),
      ...(greenTravelChanged ? { greenTravel } : {}),
      ...(fewerOpportunitiesChanged ? { fewerOpportunities } : {}),
    },
    effects,
    history: history.length ? history.join('; ') : null,
  };
}

/**
 * The smallest PATCH body that asks for an `edit` plan's `changes` to `current`: the fields that
 * change; with a new host, the mentor it keeps (the new host would clear it otherwise) but not the
 * one it clears.
 */
export function mobilityEditBody(
  current: Pick<MobilityEditCurrent, 'mentorName' | 'mentorEmail'>,
  changes: MobilityEditChanges,
): MobilityEditRequest {
  const hostChanged = changes.hostOrganisationId !== undefined;
  const mentor = (field: 'mentorName' | 'mentorEmail'): MobilityEditRequest => {
    const after = changes[field] === undefined ? current[field] : changes[field];
    const send = hostChanged ? after !== null : changes[field] !== undefined;
    return send ? { [field]: after } : {};
  };
  return {
    ...(changes.startDate !== undefined ? { startDate: changes.startDate } : {}),
    ...(changes.endDate !== undefined ? { endDate: changes.endDate } : {}),
    ...(hostChanged ? { hostOrganisationId: changes.hostOrganisationId } : {}),
    ...mentor('mentorName'),
    ...mentor('mentorEmail'),
    ...(changes.travelDays !== undefined ? { travelDays: changes.travelDays } : {}),
    ...(changes.greenTravel !== undefined ? { greenTravel: changes.greenTravel } : {}),
    ...(changes.fewerOpportunities !== undefined ? { fewerOpportunities: changes.fewerOpportunities } : {}),
  };
}

/**
 * Values no rule can be applied to (the API refuses them as malformed, 400, before planning; a
 * form may hold them while being filled in).
 */
function inputViolations(request: MobilityEditRequest): MobilityEditViolation[] {
  const violations: MobilityEditViolation[] = [];
  if (request.startDate !== undefined && !isIsoDate(request.startDate)) {
    violations.push({ field: 'startDate', rule: 'calendar date', message: 'enter the first day of the activity' });
  }
  if (request.endDate !== undefined && !isIsoDate(request.endDate)) {
    violations.push({ field: 'endDate', rule: 'calendar date', message: 'enter the last day of the activity' });
  }
  if (request.travelDays !== undefined && !(Number.isInteger(request.travelDays) && request.travelDays >= 0)) {
    violations.push({ field: 'travelDays', rule: 'whole days', message: 'travel days are a whole number, 0 or more' });
  }
  return violations;
}

function yesNo(value: boolean): 'yes' | 'no' {
  return value ? 'yes' : 'no';
}

/** An interrupted stay's actual last day stays inside the planned stay (T0 ≤ day < T1). */
function interruptionViolations(actualEndDate: IsoDate | null, startDate: IsoDate, endDate: IsoDate): RuleViolation[] {
  if (actualEndDate === null) return [];
  const message = `the stay was interrupted on ${actualEndDate}: the planned dates must run from that day or before to after it`;
  if (startDate > actualEndDate) return [{ field: 'startDate', rule: 'contains the actual last day', message }];
  if (endDate <= actualEndDate) return [{ field: 'endDate', rule: 'contains the actual last day', message }];
  return [];
}

function isEditField(field: string): field is MobilityEditField {
  return (MOBILITY_EDIT_FIELDS as readonly string[]).includes(field);
}

/** The rule functions' violations, each naming a field of the request (a rule naming another field is a bug here). */
function editViolations(violations: readonly RuleViolation[]): MobilityEditViolation[] {
  return violations.map((violation) => {
    if (!isEditField(violation.field)) {
      throw new Error(`an edit rule names ${violation.field}, which is not a field of the edit request`);
    }
    return { ...violation, field: violation.field };
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A history line as people read it: the edit line keeps ids (`host none → <id>`, a name can change),
 * the reader sees names — each id replaced by `names`' entry (an organisation's name), an id not in
 * `names` by "an organisation no longer listed", and "none" by "not assigned".
 */
export function historyLineWithNames(line: string, names: ReadonlyMap<string, string>): string {
  return line
    .replace(/\bhost (\S+) → (\S+)/g, (_, from: string, to: string) => `host ${hostWord(from)} → ${hostWord(to)}`)
    .replace(UUID, (id) => names.get(id.toLowerCase()) ?? 'an organisation no longer listed');

  function hostWord(word: string): string {
    return word === 'none' ? 'not assigned' : word;
  }
}

/** The ids a history line names (for looking up their names). */
export function idsInHistoryLine(line: string): string[] {
  return [...new Set((line.match(UUID) ?? []).map((id) => id.toLowerCase()))];
}
