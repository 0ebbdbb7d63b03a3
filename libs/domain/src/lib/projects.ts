import { addDays, daysBetween, IsoDate } from './dates';
import type { RuleViolation } from './activity-types';
import { callYearViolations } from './project-lifecycle';

export const PROJECT_ACTIONS = ['KA121-VET', 'KA122-VET'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

/**
 * Grant agreement reference `YYYY-R-NA00-KA000-FFF-000000000` (reference §1.2, [rule]):
 * call year, round, National Agency code, key action, field, number.
 */
export const PROJECT_REFERENCE_PATTERN = /^(\d{4})-([1-9])-([A-Z]{2}\d{2})-(KA\d{3})-([A-Z]{3})-(\d{9})$/;

/** KA122 short-term projects last 6 to 18 months (reference §1.2, [rule]). */
export const KA122_MONTHS = { min: 6, max: 18 } as const;

/** KA122 projects take at most 30 participants (accompanying persons not counted) [rule]. */
export const KA122_MAX_PARTICIPANTS = 30;

function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface ProjectFacts {
  readonly reference: string;
  readonly action: ProjectAction;
  readonly callYear: number;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
}

/** Rules linking a project's fields; the shape of each field is checked by the caller. */
export function validateProject(p: ProjectFacts): RuleViolation[] {
  const violations: RuleViolation[] = [...callYearViolations(p.callYear)];
  const match = PROJECT_REFERENCE_PATTERN.exec(p.reference);
  if (match) {
    if (Number(match[1]) !== p.callYear) {
      violations.push({
        field: 'callYear',
        rule: 'matches reference year',
        message: `callYear must be ${match[1]}, the year in the reference`,
      });
    }
    if (`${match[4]}-${match[5]}` !== p.action) {
      violations.push({
        field: 'action',
        rule: 'matches reference action',
        message: `the reference names ${match[4]}-${match[5]}, not ${p.action}`,
      });
    }
  }
  if (daysBetween(p.startDate, p.endDate) < 0) {
    violations.push({
      field: 'endDate',
      rule: 'endDate >= startDate',
      message: 'endDate must not be before startDate',
    });
  } else if (p.action === 'KA122-VET') {
    const shortest = addDays(addMonths(p.startDate, KA122_MONTHS.min), -1);
    const longest = addDays(addMonths(p.startDate, KA122_MONTHS.max), -1);
    if (daysBetween(shortest, p.endDate) < 0 || daysBetween(p.endDate, longest) < 0) {
      violations.push({
        field: 'endDate',
        rule: `KA122-VET lasts ${KA122_MONTHS.min}-${KA122_MONTHS.max} months`,
        message: `a KA122-VET project lasts 6 to 18 months: endDate between ${shortest} and ${longest}`,
      });
    }
  }
  return violations;
}
