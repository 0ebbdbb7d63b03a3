import { MailRenderer } from '../notification/mail-renderer';
import { hostAnswerMail, HostAnswerMailInput } from './host-answer-mail';

describe('the school’s mail about a host’s answer', () => {
  const renderer = new MailRenderer();
  const declined: HostAnswerMailInput = {
    answer: 'declined',
    locale: 'en-IE',
    recipientName: 'Siobhan Kelly',
    school: 'Dublin VET College',
    participant: 'Aoife Byrne',
    hostName: 'Talleres Castilla',
    answeredBy: 'practicas@talleres-castilla.example',
    answeredOn: '2026-12-03',
    reason: 'No mentor free in May',
    mentorName: null,
    startDate: '2027-05-03',
    endDate: '2027-05-28',
    mobilityUrl: 'https://hub.example/mobilities/42',
  };

  it('names the host, the day, the reason and the next step, signed for the school', () => {
    const mail = renderer.render(hostAnswerMail(declined));
    expect(mail.subject).toBe('Declined by Talleres Castilla: Aoife Byrne, 3 May 2027 – 28 May 2027');
    expect(mail.text).toContain('Hello Siobhan Kelly,');
    expect(mail.text).toContain(
      'Talleres Castilla answered on 3 December 2026 through its placement link that it cannot host Aoife Byrne',
    );
    expect(mail.text).toContain('Their reason: “No mentor free in May”');
    expect(mail.text).toContain('Next step: choose another host');
    expect(mail.text).toContain('Choose another host: https://hub.example/mobilities/42');
    expect(mail.text).toContain(
      'Reply to this e-mail to reach the host’s contact who answered: practicas@talleres-castilla.example.',
    );
    expect(mail.text).toContain('Your Erasmus+ team at Dublin VET College');
    expect(mail.html).toContain('No mentor free in May');
  });

  it('says when no reason was given, and writes German for a German school', () => {
    const mail = renderer.render(hostAnswerMail({ ...declined, reason: null, locale: 'de-DE' }));
    expect(mail.subject).toBe('Abgesagt von Talleres Castilla: Aoife Byrne, 3. Mai 2027 – 28. Mai 2027');
    expect(mail.text).toContain('Guten Tag Siobhan Kelly,');
    expect(mail.text).toContain('Es wurde kein Grund angegeben.');
    expect(mail.text).not.toMatch(/Declined|reason|Next step/);
  });

  it('a confirmation names the mentor', () => {
    const mail = renderer.render(
      hostAnswerMail({ ...declined, answer: 'confirmed', reason: null, mentorName: 'Carmen Ruiz' }),
    );
    expect(mail.subject).toBe('Confirmed by Talleres Castilla: Aoife Byrne, 3 May 2027 – 28 May 2027');
    expect(mail.text).toContain('The mentor is Carmen Ruiz, who will receive the host’s reminders.');
  });
});
