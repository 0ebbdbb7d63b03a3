/** Helpers that turn a caught message into what the Mailbox shows. Pure functions, no Angular. */

export interface MailLink {
  readonly text: string;
  readonly href: string;
}

/**
 * The HTML as the sandboxed preview gets it: links target a new window, which the sandbox does not
 * allow, so a click does nothing instead of loading the page (without its scripts) inside the frame.
 */
export function previewDocument(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + base + html.slice(head.index + head[0].length);
  return base + html;
}

/**
 * The web links of a message (http and https only), from its HTML when it has one — parsed as an
 * inert document, nothing runs or loads — else from its text. Each address once, in order.
 */
export function messageLinks(html: string | null, text: string | null): MailLink[] {
  const links: MailLink[] = [];
  if (html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
      const href = a.getAttribute('href')?.trim() ?? '';
      if (/^https?:\/\//i.test(href))
        links.push({ text: (a.textContent ?? '').replace(/\s+/g, ' ').trim() || href, href });
    }
  } else if (text) {
    for (const match of text.matchAll(/https?:\/\/[^\s<>"')]+/gi)) links.push({ text: match[0], href: match[0] });
  }
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.href) && seen.add(l.href));
}

/** A header value with its folding (CRLF + whitespace) undone. */
export function unfoldHeader(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ');
}

/** The headers as name/value rows, in the order the message has them. */
export function headerRows(
  headers: Readonly<Record<string, string>>,
): { readonly name: string; readonly value: string }[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value: unfoldHeader(String(value)) }));
}

const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const full = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'medium' });

/** When a message arrived, short: the time for today's (with seconds: reminders come in bursts), else day and time. */
export function formatReceived(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === now.toDateString() ? timeOnly.format(date) : dayAndTime.format(date);
}

/** When a message arrived, in full (the open message's date line). */
export function formatReceivedFull(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : full.format(date);
}
