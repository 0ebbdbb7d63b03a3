import type { IsoDate } from '@mobility-hub/domain';

/** The one source of "now" in the backend; tests replace it with a fixed clock. */
export abstract class Clock {
  abstract now(): Date;

  private readonly formats = new Map<string, Intl.DateTimeFormat>();

  /** The calendar date of `now()` in an IANA time zone. */
  today(timeZone: string): IsoDate {
    let format = this.formats.get(timeZone);
    if (!format) {
      // en-CA formats as YYYY-MM-DD.
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      this.formats.set(timeZone, format);
    }
    return format.format(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date): void {
    this.instant = instant;
  }
}
