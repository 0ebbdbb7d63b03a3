import { PROJECT_TASK_KEYS, projectTaskTemplate } from '../project-lifecycle';
import { CHECKLIST_V1 } from './checklist-v1';
import { CHECKLIST_V2_VARIANTS } from './checklist-v2';
import { hasTaskText, TASK_TEXT_LANGUAGES, taskTextIn } from './task-texts';
import type { ChecklistTemplate } from './template.types';

// The project's own tasks are mailed too (project task reminders): they count as one more list.
const PROJECT_TASKS: ChecklistTemplate = {
  version: 0,
  tasks: Object.values(PROJECT_TASK_KEYS).map((key) => ({
    ...projectTaskTemplate(key),
    phase: 'finalisation',
    role: 'coordinator',
    basis: 'rule',
    due: { anchor: 'T1', offsetDays: 0 },
  })),
};
const CHECKLISTS: readonly ChecklistTemplate[] = [CHECKLIST_V1, ...Object.values(CHECKLIST_V2_VARIANTS), PROJECT_TASKS];

describe('task texts in the languages of mail', () => {
  // en and de complete until the languages issue adds the others.
  it.each(['de'])('every task of every checklist has its title and guidance in %s', (language) => {
    const missing = CHECKLISTS.flatMap((checklist) =>
      checklist.tasks.flatMap((task) =>
        [task.title, task.guidance]
          .filter((english) => !hasTaskText(task.key, english, language))
          .map(
            (english) =>
              `v${checklist.version}${checklist.family ? `/${checklist.family}` : ''} ${task.key}: ${english}`,
          ),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('has no entry that no checklist uses (a renamed text must be translated again)', () => {
    const used = new Set(
      CHECKLISTS.flatMap((c) => c.tasks.flatMap((t) => [`${t.key}\u0000${t.title}`, `${t.key}\u0000${t.guidance}`])),
    );
    const stale = Object.entries(TASK_TEXT_LANGUAGES).flatMap(([language, catalogue]) =>
      Object.entries(catalogue).flatMap(([key, texts]) =>
        Object.keys(texts)
          .filter((english) => !used.has(`${key}\u0000${english}`))
          .map((english) => `${language} ${key}: ${english}`),
      ),
    );
    expect(stale).toEqual([]);
  });

  it('falls back to English for a language without texts, an unknown key or a changed wording', () => {
    expect(taskTextIn('participant-report-submitted', 'Participant report submitted', 'de')).toBe(
      'Teilnehmendenbericht eingereicht',
    );
    expect(taskTextIn('participant-report-submitted', 'Participant report submitted', 'fr')).toBe(
      'Participant report submitted',
    );
    expect(taskTextIn('participant-report-submitted', 'Something new', 'de')).toBe('Something new');
    expect(taskTextIn('no-such-task', 'Participant report submitted', 'de')).toBe('Participant report submitted');
    expect(taskTextIn('monitoring-day-28', 'Monitoring check-in, day 29 of the stay', 'de')).toBe(
      'Monitoring-Gespräch, Tag 29 des Aufenthalts',
    );
  });
});
