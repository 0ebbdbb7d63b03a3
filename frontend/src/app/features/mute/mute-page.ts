import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { Api, getMute, mute, unmute } from '@mobility-hub/api-client';
import { MAIL_KINDS } from '@mobility-hub/domain';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { MAIL_KIND_PHRASES } from '@app/core/mail-labels';

/**
 * Where an e-mail's "Stop e-mails like this one" link leads (`mute/:token`). Opening it changes
 * nothing — mail scanners open links — only the button mutes (PUT) or unmutes (DELETE).
 */
@Component({
  selector: 'app-mute-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page page-kit' },
  templateUrl: './mute-page.html',
  styles: `
    .panel p {
      margin: 0 0 0.75rem;
    }
    .state {
      font-size: 1.0625rem;
      font-weight: 600;
    }
    .problem {
      margin: 1rem 0;
      padding: 0.75rem 1rem;
      border: 1px solid var(--mh-danger);
      border-inline-start-width: 4px;
      border-radius: var(--mh-radius);
      background: var(--mh-surface);
    }
    .problem p {
      margin: 0 0 0.5rem;
    }
    .problem p:last-child {
      margin: 0;
    }
    .note,
    .muted {
      color: var(--mh-muted);
    }
    .note {
      font-size: 0.9375rem;
    }
  `,
})
export class MutePage {
  /** From the route `mute/:token`: the signed token of the e-mail's link. */
  readonly token = input.required<string>();

  private readonly api = inject(Api);

  /** What the link is for and whether it is muted (GET: reading changes nothing); a button's answer replaces it. */
  protected readonly mute = resource({
    params: () => ({ token: this.token() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getMute, params)),
  });
  protected readonly state = computed(() => (this.mute.hasValue() ? this.mute.value() : null));
  protected readonly loading = this.mute.isLoading;
  protected readonly loadProblem = computed(() => loadProblemOf(this.mute));
  protected readonly busy = signal(false);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  /** What just changed, said politely. */
  protected readonly announcement = signal('');

  protected readonly kindPhrase = computed(() => {
    const kind = this.state()?.kind;
    return kind ? MAIL_KIND_PHRASES[kind] : '';
  });
  /** Programme deadlines keep coming; only advice and digests can be muted. */
  protected readonly mutable = computed(() => {
    const kind = this.state()?.kind;
    return !!kind && MAIL_KINDS[kind].mutable;
  });
  /** 409 on PUT: the API refuses to mute this kind. */
  protected readonly refused = computed(() => this.actionProblem()?.status === 409);

  protected load(): void {
    this.mute.reload();
  }

  protected async setMuted(muted: boolean): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionProblem.set(null);
    try {
      const state = await this.api.invoke(muted ? mute : unmute, { token: this.token() });
      this.mute.set(state);
      this.announcement.set(
        state.muted
          ? `Done: you will no longer receive ${MAIL_KIND_PHRASES[state.kind]}.`
          : `Done: you will receive ${MAIL_KIND_PHRASES[state.kind]} again.`,
      );
    } catch (error) {
      this.actionProblem.set(toApiProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
