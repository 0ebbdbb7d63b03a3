import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged, skip } from 'rxjs';
import { pollWhileVisible, POLL_INTERVAL_MS } from '@app/core/poll';
import { formatReceived, formatReceivedFull, headerRows, messageLinks, previewDocument } from './mail-view';
import { MailboxStore } from './mailbox-store';

type MessageTab = 'html' | 'text' | 'headers';
const SEARCH_DEBOUNCE_MS = 300;

/**
 * The Mailbox, like Mailpit: what the embedded SMTP catcher received, newest first, refreshed
 * every few seconds, and the open message (`?message=<id>`) as HTML, text and headers. Private by
 * default — a signed-in person's own mail and their coordinated organisations' (nobody signed in:
 * a sign-in prompt) — or, as the public demo on one's own computer, every message; the page says which.
 */
@Component({
  selector: 'app-mailbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  providers: [MailboxStore],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './mailbox-page.html',
  styleUrl: './mailbox-page.css',
})
export class MailboxPage {
  /** From the query parameter `message`: the message to show. */
  readonly message = input<string>();

  protected readonly store = inject(MailboxStore);
  private readonly htmlFrame = viewChild<ElementRef<HTMLIFrameElement>>('htmlFrame');

  protected readonly pollSeconds = Math.round(inject(POLL_INTERVAL_MS) / 1000);
  protected readonly autoRefresh = signal(true);
  protected readonly searchText = signal('');
  /** Polite news for screen readers ("2 new messages"). */
  protected readonly announcement = signal('');
  protected readonly formatReceived = formatReceived;
  protected readonly formatReceivedFull = formatReceivedFull;

  private readonly chosenTab = signal<MessageTab>('html');
  protected readonly tabs = computed(() => {
    const mail = this.store.message();
    const tabs: { id: MessageTab; label: string }[] = [];
    if (mail?.html) tabs.push({ id: 'html', label: 'HTML' });
    tabs.push({ id: 'text', label: 'Plain text' }, { id: 'headers', label: 'Headers' });
    return tabs;
  });
  /** The chosen view, or plain text for a message without HTML. */
  protected readonly tab = computed<MessageTab>(() => {
    const chosen = this.chosenTab();
    return this.tabs().some((t) => t.id === chosen) ? chosen : 'text';
  });

  private readonly preview = computed(() => {
    const html = this.store.message()?.html;
    return html ? previewDocument(html) : null;
  });
  protected readonly links = computed(() => {
    const mail = this.store.message();
    return mail ? messageLinks(mail.html, mail.text) : [];
  });
  protected readonly headers = computed(() => headerRows(this.store.message()?.headers ?? {}));

  constructor() {
    void this.store.search('');
    // The message's HTML goes into the frame as it is, on purpose: the frame is sandbox="" (no
    // scripts, no same origin, no forms, no popups), and sanitising would strip the inline styles
    // every e-mail depends on. Set directly rather than bound, which would pull Angular's HTML
    // sanitiser into the initial bundle only to be bypassed.
    effect(() => {
      const frame = this.htmlFrame()?.nativeElement;
      const html = this.preview();
      if (frame && html !== null && frame.srcdoc !== html) frame.srcdoc = html;
    });
    effect(() => {
      const id = this.message() ?? null;
      untracked(() => this.store.open(id));
    });
    toObservable(this.searchText)
      .pipe(skip(1), debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => void this.store.search(q.trim()));
    pollWhileVisible(() => {
      if (this.autoRefresh() && !this.store.unavailable() && !this.store.signInNeeded()) void this.refresh(false);
    });
  }

  protected async refresh(saySo = true): Promise<void> {
    const fresh = await this.store.refresh();
    if (fresh > 0) this.announcement.set(fresh === 1 ? '1 new message.' : `${fresh} new messages.`);
    else if (saySo && !this.store.problem()) this.announcement.set('No new messages.');
  }

  protected async loadMore(): Promise<void> {
    await this.store.loadMore();
  }

  protected selectTab(tab: MessageTab): void {
    this.chosenTab.set(tab);
  }

  /** Arrow keys, Home and End move between the tabs (the ARIA tabs pattern). */
  protected onTabKey(event: KeyboardEvent): void {
    const tabs = this.tabs();
    const current = tabs.findIndex((t) => t.id === this.tab());
    const next =
      event.key === 'ArrowRight'
        ? (current + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (current - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.chosenTab.set(tabs[next].id);
    const tablist = (event.currentTarget as HTMLElement).parentElement;
    tablist?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  }
}
