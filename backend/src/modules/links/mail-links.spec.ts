import { MailLinks } from './mail-links';
import { maskEmail } from '../../common/mask-email';

describe('MailLinks', () => {
  const links = new MailLinks('https://hub.example', 'a-secret-of-at-least-thirty-two-characters');

  it('signs (recipient, kind) into a mute link that reads back', () => {
    const url = links.mute('Learner@School.example', 'task-advice');
    expect(url.startsWith('https://hub.example/mute/')).toBe(true);
    const token = url.split('/').at(-1)!;
    expect(links.readMuteToken(token)).toEqual({ recipient: 'learner@school.example', kind: 'task-advice' });
  });

  it('refuses a token that was forged, altered, cut or signed with another secret', () => {
    const token = links.muteToken('a@b.example', 'weekly-digest');
    const [payload, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ r: 'victim@b.example', k: 'weekly-digest' })).toString('base64url');
    expect(links.readMuteToken(`${other}.${signature}`)).toBeNull();
    expect(links.readMuteToken(`${payload}.${signature.slice(0, -1)}A`)).toBeNull();
    expect(links.readMuteToken(payload)).toBeNull();
    expect(links.readMuteToken(`${token}.x`)).toBeNull();
    expect(
      new MailLinks('https://hub.example', 'another-secret-of-thirty-two-characters!').readMuteToken(token),
    ).toBeNull();
  });

  it('refuses a genuine signature over an unknown kind', () => {
    const sneaky = new MailLinks('https://x', 'a-secret-of-at-least-thirty-two-characters');
    const payload = Buffer.from(JSON.stringify({ r: 'a@b.example', k: 'constructor' })).toString('base64url');
    const signature = (sneaky as unknown as { sign(p: string): string }).sign(payload);
    expect(links.readMuteToken(`${payload}.${signature}`)).toBeNull();
  });

  it('masks addresses shown to whoever holds a link', () => {
    expect(maskEmail('learner@school.eu')).toBe('l•••••r@school.eu');
    expect(maskEmail('ab@x.eu')).toBe('a•@x.eu');
  });
});
