import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDate, mailAudienceOf, MailFacts, MailRenderer, TEMPLATES_DIR } from './mail-renderer';

describe('MailRenderer', () => {
  const renderer = new MailRenderer();
  const taskMail: MailFacts = {
    kind: 'task-reminder',
    occasion: 'overdue',
    locale: 'en-IE',
    recipientName: 'Aoife',
    organisation: 'Dublin VET College',
    participant: 'Aoife Byrne',
    task: {
      title: 'Learning agreement signed',
      guidance: 'All three parties sign before departure.',
      dueDate: '2026-05-18',
    },
    actionUrl: 'https://hub.example/mobilities/42',
  };

  it('writes the person’s name, the task, the due date in the recipient’s locale and the link, in HTML and text', () => {
    const mail = renderer.render(taskMail);
    expect(mail.subject).toBe('Overdue since 18 May 2026: Learning agreement signed (Aoife Byrne)');
    for (const body of [mail.html, mail.text]) {
      expect(body).toContain('Hello Aoife,');
      expect(body).toContain('Learning agreement signed');
      expect(body).toContain('https://hub.example/mobilities/42');
      expect(body).toContain('All three parties sign before departure.');
    }
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).not.toContain('<');
  });

  it('asks a host to confirm a work placement for a learner, and a visit (no placement, no learner) for staff', () => {
    const request: MailFacts = {
      ...taskMail,
      kind: 'placement-request',
      occasion: undefined,
      period: { startDate: '2026-05-04', endDate: '2026-05-08' },
    };
    const learner = renderer.render({ ...request, audience: 'learner' });
    expect(learner.text).toContain('work placement');
    for (const locale of ['en-IE', 'de-AT']) {
      const staff = renderer.render({ ...request, locale, audience: 'staff' });
      expect(`${staff.subject} ${staff.text}`).not.toMatch(/placement|learner|Praktikum|Lernende/i);
    }
    const report = renderer.render({
      ...taskMail,
      kind: 'participant-report-request',
      occasion: 'request',
      audience: 'staff',
    });
    expect(report.text).not.toMatch(/placement/i);
    expect(report.text).toContain('participant report');
  });

  it('addresses learners of the learner families and everyone else as staff', () => {
    expect(mailAudienceOf('LM-SHORT-VET')).toBe('learner');
    expect(mailAudienceOf('LM-GROUP-VET')).toBe('learner');
    expect(mailAudienceOf('SM-JOB-SHDW')).toBe('staff');
    expect(mailAudienceOf('OA-INV-EXP')).toBe('staff');
  });

  it('offers a mute link only where one is given (mutable kinds)', () => {
    expect(renderer.render(taskMail).text).not.toContain('Stop e-mails');
    const advice = renderer.render({
      ...taskMail,
      kind: 'task-advice',
      occasion: 'due-today',
      muteUrl: 'https://hub.example/mute/abc',
    });
    expect(advice.text).toContain('Stop e-mails like this one: https://hub.example/mute/abc');
    expect(advice.html).toContain('href="https://hub.example/mute/abc"');
  });

  it('escapes what people typed in the HTML, and keeps it readable in the text', () => {
    const mail = renderer.render({ ...taskMail, recipientName: '<script>alert(1)</script> & Co' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('Hello <script>alert(1)</script> & Co,');
  });

  it('speaks German to a recipient in Austria, with the Austrian date format', () => {
    const mail = renderer.render({ ...taskMail, locale: 'de-AT', recipientName: 'Anna' });
    expect(mail.subject).toBe('Überfällig seit 18. Mai 2026: Learning agreement signed (Aoife Byrne)');
    expect(mail.text).toContain('Guten Tag Anna,');
    expect(mail.html).toContain('<html lang="de">');
  });

  it('takes a new language from a file alone, falling back to English for what it does not translate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mh-templates-'));
    for (const file of ['en.json', 'layout.html.hbs', 'layout.text.hbs'])
      copyFileSync(join(TEMPLATES_DIR, file), join(dir, file));
    writeFileSync(join(dir, 'nl.json'), JSON.stringify({ common: { greeting: 'Beste {{name}},' } }));
    const dutch = new MailRenderer(dir);
    expect(dutch.availableLanguages).toEqual(['en', 'nl']);
    const mail = dutch.render({ ...taskMail, locale: 'nl-BE', recipientName: 'Jan' });
    expect(mail.text).toContain('Beste Jan,');
    expect(mail.subject).toBe('Overdue since 18 mei 2026: Learning agreement signed (Aoife Byrne)');
  });

  it('every language file translates only messages English has', () => {
    const paths = (node: unknown, prefix = ''): string[] =>
      typeof node === 'string'
        ? [prefix]
        : Object.entries(node as object).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
    const english = new Set(paths(JSON.parse(readFileSync(join(TEMPLATES_DIR, 'en.json'), 'utf8'))));
    for (const language of renderer.availableLanguages) {
      const messages = paths(JSON.parse(readFileSync(join(TEMPLATES_DIR, `${language}.json`), 'utf8')));
      expect(messages.filter((p) => !english.has(p))).toEqual([]);
    }
  });

  it('lists a digest’s overdue and coming tasks in sections', () => {
    const mail = renderer.render({
      kind: 'weekly-digest',
      locale: 'en-GB',
      recipientName: 'ROC Utrecht',
      organisation: 'ROC Utrecht',
      digest: {
        horizonDays: 14,
        overdue: [
          {
            task: 'Grant agreement signed',
            participant: 'Sem de Vries',
            dueDate: '2026-03-01',
            url: 'https://hub.example/mobilities/1',
          },
        ],
        dueSoon: [
          {
            task: 'Insurance arranged',
            participant: 'Noor de Vries',
            dueDate: '2026-03-10',
            url: 'https://hub.example/mobilities/2',
          },
        ],
      },
      muteUrl: 'https://hub.example/mute/x',
    });
    expect(mail.subject).toBe('Your week in Erasmus+: 1 overdue, 1 due in the next 14 days');
    expect(mail.text).toMatch(
      /Overdue\n- Grant agreement signed — Sem de Vries \(overdue\)\n {2}https:\/\/hub.example\/mobilities\/1/,
    );
    expect(mail.text).toContain('- Insurance arranged — Noor de Vries (due 10 March 2026)');
  });

  it('formats dates for any locale Intl knows, and falls back for one it does not', () => {
    expect(formatDate('2026-07-28', 'es-ES')).toBe('28 de julio de 2026');
    expect(formatDate('2026-07-28', 'not a locale!')).toBe('28 July 2026');
  });
});
