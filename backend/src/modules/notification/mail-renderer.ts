import {
  activityFamily,
  ActivityTypeCode,
  isLearnerFamily,
  IsoDate,
  MAIL_KINDS,
  MailKind,
  ReminderKind,
  ReminderWording,
  taskTextIn,
} from '@mobility-hub/domain';
import * as Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEMPLATES_DIR = join(__dirname, 'templates');
const FALLBACK_LANGUAGE = 'en';

/** One mail's facts; every string is plain text (the HTML layout escapes it). */
export interface MailFacts {
  readonly kind: MailKind;
  /**
   * Who the mobility is for: a learner (the default) or staff, experts and visitors — for whom a kind
   * may have its own wording under `<kind>.staff` (no "work placement", no "learner").
   */
  readonly audience?: MailAudience;
  /** Which variant of a task mail (request, due-soon, due-today, overdue, catch-up). */
  readonly occasion?: ReminderKind | ReminderWording;
  /**
   * Who reads it, for what they can do: a learner, the host, or the school (sending or coordinating).
   * A kind may have its own wording under `<kind>.<reader>` (e.g. a learner cannot waive a task).
   */
  readonly reader?: MailReader;
  readonly locale: string;
  readonly recipientName: string;
  readonly organisation: string;
  readonly participant?: string;
  /** A project's title and reference (project task mail). */
  readonly project?: string;
  /** A checklist task: its title and guidance come in the mail's language by `key` (English the fallback). */
  readonly task?: {
    readonly key?: string;
    readonly title: string;
    readonly guidance: string;
    readonly dueDate: IsoDate;
  };
  /** A reminder digest: the tasks due, overdue or to catch up, one group per mobility. */
  readonly reminders?: readonly ReminderGroup[];
  readonly period?: { readonly startDate: IsoDate; readonly endDate: IsoDate };
  /** Where the participant goes (host and country), for mails to a minor's guardian. */
  readonly place?: string;
  readonly digest?: {
    readonly horizonDays: number;
    readonly overdue: readonly DigestItem[];
    readonly dueSoon: readonly DigestItem[];
  };
  /** The link of the mail's main action (the mobility, later a one-click confirmation). */
  readonly actionUrl?: string;
  /** Present for kinds the recipient may mute. */
  readonly muteUrl?: string;
  /** How long the mail's link works (account e-mails). */
  readonly linkMinutes?: number;
  /** An invitation's role, in the words of the recipient's language (from the templates). */
  readonly role?: string;
}

export type MailAudience = 'learner' | 'staff';

export type MailReader = 'learner' | 'host' | 'school';

export interface ReminderGroup {
  /** The participant (and the stay) the tasks belong to. */
  readonly participant: string;
  readonly period: { readonly startDate: IsoDate; readonly endDate: IsoDate };
  readonly url: string;
  readonly items: readonly {
    readonly key: string;
    readonly title: string;
    readonly dueDate: IsoDate;
    readonly wording: ReminderWording;
  }[];
}

/** The audience of a mobility of `activityType`: learners' families read learner wording, all others staff wording. */
export function mailAudienceOf(activityType: ActivityTypeCode): MailAudience {
  return isLearnerFamily(activityFamily(activityType)) ? 'learner' : 'staff';
}

export interface DigestItem {
  readonly task: string;
  readonly participant: string;
  readonly dueDate: IsoDate;
  readonly url: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

interface Messages {
  [key: string]: string | Messages;
}

/**
 * Mail content from templates: one JSON file of messages per language (`templates/<lang>.json`,
 * Handlebars placeholders) and one HTML and one text layout shared by all kinds. A new language
 * is a new JSON file — no code change; a missing message falls back to English.
 */
export class MailRenderer {
  private readonly languages = new Map<string, Messages>();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  private readonly html: HandlebarsTemplateDelegate;
  private readonly text: HandlebarsTemplateDelegate;

  constructor(dir: string = TEMPLATES_DIR) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      this.languages.set(file.slice(0, -5), JSON.parse(readFileSync(join(dir, file), 'utf8')) as Messages);
    }
    if (!this.languages.has(FALLBACK_LANGUAGE))
      throw new Error(`mail templates: ${FALLBACK_LANGUAGE}.json missing in ${dir}`);
    this.html = Handlebars.compile(readFileSync(join(dir, 'layout.html.hbs'), 'utf8'), { strict: false });
    this.text = Handlebars.compile(readFileSync(join(dir, 'layout.text.hbs'), 'utf8'), { noEscape: true });
  }

  get availableLanguages(): string[] {
    return [...this.languages.keys()].sort();
  }

  render(facts: MailFacts): RenderedMail {
    const language = this.languageOf(facts.locale);
    // Dates in the language of the text: an English mail to Italy says "12 January", not "12 gennaio".
    const dateLocale =
      language === facts.locale.toLowerCase().split('-')[0]
        ? facts.locale
        : `${language}-${facts.locale.split('-')[1] ?? 'GB'}`;
    const date = (iso: IsoDate) => formatDate(iso, dateLocale);
    const taskText = (key: string | undefined, english: string) =>
      key === undefined ? english : taskTextIn(key, english, language);
    const values = {
      name: facts.recipientName,
      organisation: facts.organisation,
      participant: facts.participant ?? '',
      project: facts.project ?? '',
      task: facts.task ? taskText(facts.task.key, facts.task.title) : '',
      guidance: facts.task ? taskText(facts.task.key, facts.task.guidance) : '',
      count: facts.reminders?.reduce((n, g) => n + g.items.length, 0) ?? 0,
      mobilities: facts.reminders?.length ?? 0,
      dueDate: facts.task ? date(facts.task.dueDate) : '',
      startDate: facts.period ? date(facts.period.startDate) : '',
      endDate: facts.period ? date(facts.period.endDate) : '',
      place: facts.place ?? '',
      horizon: facts.digest?.horizonDays ?? '',
      overdue: facts.digest?.overdue.length ?? 0,
      dueSoon: facts.digest?.dueSoon.length ?? 0,
      minutes: facts.linkMinutes ?? '',
      days: facts.linkMinutes ? Math.round(facts.linkMinutes / 1440) : '',
      role: facts.role ? this.message(language, `roles.${facts.role}`, {}) : '',
    };
    const kind = facts.kind;
    // The reader's own wording first (what THIS reader can do), then staff wording for staff,
    // experts and visitors, then the kind's.
    const t = (path: string) => {
      if (path.startsWith(`${kind}.`)) {
        const rest = path.slice(kind.length + 1);
        const own = [
          facts.reader ? `${kind}.${facts.reader}.${rest}` : null,
          facts.audience === 'staff' ? `${kind}.staff.${rest}` : null,
        ];
        for (const candidate of own)
          if (candidate && this.has(language, candidate)) return this.message(language, candidate, values);
      }
      return this.message(language, path, values);
    };
    const variant = (path: string) => (facts.occasion ? t(`${kind}.${path}.${facts.occasion}`) : t(`${kind}.${path}`));
    const paragraphs = [variant('lead'), t(`${kind}.detail`)].filter((p) => p.trim() !== '');
    const sections = facts.digest
      ? [
          {
            heading: t(`${kind}.overdueHeading`),
            items: facts.digest.overdue.map((i) => item(i, t('common.overdueTag'))),
          },
          {
            heading: t(`${kind}.dueSoonHeading`),
            items: facts.digest.dueSoon.map((i) =>
              item(i, this.message(language, 'common.dueTag', { dueDate: date(i.dueDate) })),
            ),
          },
        ].filter((s) => s.items.length > 0)
      : (facts.reminders ?? []).map((g) => ({
          heading: this.message(language, 'common.groupHeading', {
            participant: g.participant,
            startDate: date(g.period.startDate),
            endDate: date(g.period.endDate),
          }),
          link: { url: g.url, label: this.message(language, 'common.openMobility', { participant: g.participant }) },
          items: g.items.map((i) => ({
            task: taskText(i.key, i.title),
            participant: '',
            url: '',
            tag: this.message(language, `common.tag.${i.wording}`, { dueDate: date(i.dueDate) }),
          })),
        }));
    const actionLabel = this.has(language, `${kind}.action`) ? t(`${kind}.action`) : t('common.openMobility');
    const model = {
      lang: language,
      subject: variant('subject'),
      greeting: t('common.greeting'),
      paragraphs,
      sections,
      action: facts.actionUrl ? { label: actionLabel, url: facts.actionUrl } : null,
      closing: t(`${kind}.closing`),
      signature: this.has(language, `${kind}.signature`) ? t(`${kind}.signature`) : t('common.signature'),
      // A kind may say why it was sent; else the common reason for advice or for a deadline.
      why: this.has(language, `${kind}.why`)
        ? t(`${kind}.why`)
        : MAIL_KINDS[kind].mutable
          ? t('common.whyMutable')
          : t('common.why'),
      mute: facts.muteUrl
        ? { label: this.has(language, `${kind}.mute`) ? t(`${kind}.mute`) : t('common.mute'), url: facts.muteUrl }
        : null,
    };
    return { subject: model.subject, html: this.html(model), text: this.text(model) };
  }

  private languageOf(locale: string): string {
    const language = locale.toLowerCase().split('-')[0];
    return this.languages.has(language) ? language : FALLBACK_LANGUAGE;
  }

  private has(language: string, path: string): boolean {
    return (
      lookup(this.languages.get(language), path) !== undefined ||
      lookup(this.languages.get(FALLBACK_LANGUAGE), path) !== undefined
    );
  }

  private message(language: string, path: string, values: object): string {
    const source = lookup(this.languages.get(language), path) ?? lookup(this.languages.get(FALLBACK_LANGUAGE), path);
    if (source === undefined) return '';
    if (typeof source !== 'string') throw new Error(`mail templates: ${language}:${path} is not a message`);
    const key = `${language}:${path}`;
    const template = this.compiled.get(key) ?? Handlebars.compile(source, { noEscape: true, strict: false });
    this.compiled.set(key, template);
    return template(values);
  }
}

function item(i: DigestItem, tag: string) {
  return { task: i.task, participant: i.participant, url: i.url, tag };
}

function lookup(messages: Messages | undefined, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Messages)[key] : undefined), messages);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in the recipient's locale, e.g. "18 May 2026" (en-GB) or "18. Mai 2026" (de-AT). */
export function formatDate(iso: IsoDate, locale: string): string {
  // One formatter per locale: building an Intl.DateTimeFormat costs more than the whole rest of a mail.
  let format = dateFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    }
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${iso}T00:00:00Z`));
}
