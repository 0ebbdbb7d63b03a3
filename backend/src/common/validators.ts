import { isIsoDate } from '@mobility-hub/domain';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Years a date may fall in. Dates are shifted by due-date offsets and project months; outside this
 * range the results would leave the four-digit years that `YYYY-MM-DD` and PostgreSQL share.
 */
export const CALENDAR_YEARS = { min: 1900, max: 2999 } as const;

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is refused), in the years 1900–2999. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a calendar date written YYYY-MM-DD, in the years ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => {
          if (!isIsoDate(value)) return false;
          const year = Number(value.slice(0, 4));
          return year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max;
        },
      },
    });
}

/** Trims surrounding whitespace before validation, so "   " fails a length-1 rule instead of saving ''. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
