import { formatReceived, headerRows, messageLinks, previewDocument } from './mail-view';

describe('mail view helpers', () => {
  it('makes the preview open links in a new window (which the sandbox refuses)', () => {
    expect(previewDocument('<html><head><title>x</title></head><body>Hi</body></html>')).toBe(
      '<html><head><base target="_blank"><title>x</title></head><body>Hi</body></html>',
    );
    expect(previewDocument('<p>Hi</p>')).toBe('<base target="_blank"><p>Hi</p>');
  });

  it('lists the web links of the HTML once each, with their text, and none of the rest', () => {
    const html = `<p><a href="https://hub.example/mobilities/1">Open  Lena’s
      mobility</a> <a href="mailto:x@y.example">write</a> <a href="javascript:alert(1)">bad</a>
      <a href="https://hub.example/mute/t.s">Stop e-mails like this one</a> <a href="https://hub.example/mobilities/1">again</a></p>`;
    expect(messageLinks(html, 'ignored https://other.example')).toEqual([
      { text: 'Open Lena’s mobility', href: 'https://hub.example/mobilities/1' },
      { text: 'Stop e-mails like this one', href: 'https://hub.example/mute/t.s' },
    ]);
  });

  it('finds the links of a text-only message', () => {
    expect(messageLinks(null, 'Open it: https://hub.example/mobilities/1\nStop: https://hub.example/mute/a.b')).toEqual(
      [
        { text: 'https://hub.example/mobilities/1', href: 'https://hub.example/mobilities/1' },
        { text: 'https://hub.example/mute/a.b', href: 'https://hub.example/mute/a.b' },
      ],
    );
  });

  it('unfolds folded header values', () => {
    expect(
      headerRows({
        subject: 'Suggested for today: Return debrief; trainee report and\r\n satisfaction survey',
        to: 'a@b.example',
      }),
    ).toEqual([
      { name: 'subject', value: 'Suggested for today: Return debrief; trainee report and satisfaction survey' },
      { name: 'to', value: 'a@b.example' },
    ]);
  });

  it('shows the time for today’s messages and the day for older ones', () => {
    const now = new Date(2026, 10, 28, 15, 0, 0);
    expect(formatReceived(new Date(2026, 10, 28, 9, 5, 7).toISOString(), now)).toBe('09:05:07');
    expect(formatReceived(new Date(2026, 10, 27, 9, 5, 7).toISOString(), now)).toBe('27 Nov 2026, 09:05');
    expect(formatReceived('soon', now)).toBe('soon');
  });
});
