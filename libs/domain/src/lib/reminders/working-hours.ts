/**
 * When a message may go out: inside the recipient organisation's working hours, in its own time
 * zone, never at night or at the weekend. Pure: instants in, instants out; time zones through Intl.
 */
export interface WorkingHours {
  /** Local wall-clock start and end, `HH:MM` (24 h), end exclusive. */
  readonly start: string;
  readonly end: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (!match) throw new RangeError(`not a HH:MM time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Throws on hours that could never send anything (bad format, empty window, no working day). */
export function assertWorkingHours(hours: WorkingHours): void {
  if (minutesOf(hours.start) >= minutesOf(hours.end)) throw new RangeError('working hours must end after they start');
  if (hours.days.length === 0 || hours.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError('working days are ISO weekdays 1..7, at least one');
  }
}

interface LocalTime {
  readonly date: string; // YYYY-MM-DD
  readonly weekday: number; // 1..7
  readonly minutes: number; // since local midnight
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formats.set(timeZone, format);
  }
  return format;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock reading of `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    weekday: WEEKDAYS[parts['weekday'] ?? ''] ?? 0,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` at `minutes` past midnight. In a
 * spring-forward gap (a time that does not exist locally) it is the first instant after the gap.
 */
export function instantAt(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  // The zone's offset at a guess, corrected once (enough for any real zone's transitions).
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const local = localTime(new Date(guess), timeZone);
    const [ly, lm, ld] = local.date.split('-').map(Number);
    const shownAsUtc = Date.UTC(ly, lm - 1, ld, 0, local.minutes);
    guess += wall - shownAsUtc;
  }
  return new Date(guess);
}

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first moment at or after `instant` that lies inside the working hours of `timeZone`:
 * unchanged when it already does, else the start of the next working window.
 */
export function nextWorkingMoment(instant: Date, timeZone: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  assertWorkingHours(hours);
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const now = localTime(instant, timeZone);
  if (hours.days.includes(now.weekday) && now.minutes >= start && now.minutes < end) return instant;
  for (let offset = 0; offset <= 7; offset++) {
    const date = addDaysIso(now.date, offset);
    const weekday = ((now.weekday - 1 + offset) % 7) + 1;
    if (!hours.days.includes(weekday)) continue;
    if (offset === 0 && now.minutes >= start) continue; // today's window has passed (or we are in it)
    return instantAt(date, start, timeZone);
  }
  throw new Error('unreachable: at least one working day exists');
}

/** When a reminder for calendar day `date` goes out: that day's first working moment, or the next. */
export function sendTimeFor(date: string, timeZone: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  return nextWorkingMoment(instantAt(date, 0, timeZone), timeZone, hours);
}
