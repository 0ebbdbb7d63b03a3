import { TASK_TEXTS_DE } from './task-texts.de';

/**
 * Checklist task titles and guidance in the languages mail is written in, keyed by template key and
 * then by the English text (a key's title may differ between activity families: each wording has
 * its translation). English is the source and the fallback. Until the languages issue, en and de
 * are complete: a unit test fails when a task of any checklist lacks its German text.
 */
export type TaskTextCatalogue = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const TASK_TEXT_LANGUAGES: Readonly<Record<string, TaskTextCatalogue>> = { de: TASK_TEXTS_DE };

const MONITORING_DE: Readonly<Record<string, string>> = {
  'the accompanying person': 'der Begleitperson',
  'the educator': 'der Lehrkraft',
  'the learner': 'der Lernenden bzw. dem Lernenden',
  'the participant': 'der Teilnehmerin bzw. dem Teilnehmer',
};

/** The text of task `key` whose English is `english`, in `language` (the English when there is none). */
export function taskTextIn(key: string, english: string, language: string): string {
  if (language === 'en') return english;
  const found = TASK_TEXT_LANGUAGES[language]?.[key]?.[english];
  if (found !== undefined) return found;
  if (language === 'de' && key.startsWith('monitoring-day-')) return monitoringDe(english) ?? english;
  return english;
}

/** Whether `language` has its own text for this wording of task `key`. */
export function hasTaskText(key: string, english: string, language: string): boolean {
  return language === 'en' || taskTextIn(key, english, language) !== english;
}

/** The monitoring check-ins are generated per day of the stay; so are their German texts. */
function monitoringDe(english: string): string | undefined {
  const day = /^Monitoring check-in, day (\d+) of the stay$/.exec(english);
  if (day) return `Monitoring-Gespräch, Tag ${day[1]} des Aufenthalts`;
  const talk =
    /^A short exchange with (.+) and the host: progress, problems, anything to change in the agreement\.$/.exec(
      english,
    );
  const who = talk ? MONITORING_DE[talk[1]] : undefined;
  if (who)
    return `Ein kurzer Austausch mit ${who} und der Aufnahmeeinrichtung: Fortschritte, Probleme, was an der Vereinbarung zu ändern ist.`;
  return undefined;
}
