import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Api, signInWithLink } from '@mobility-hub/api-client';
import { toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { retryWhen } from '@app/core/api/retry-when';
import { Session } from '@app/core/auth/session';
import { injectFocus } from '@app/core/dom/focus';
import { linkBroken, linkGone } from '@app/core/api/link-problem';

/**
 * `sign-in/link/:token`, where a learner's sign-in e-mail leads. Opening it does not sign in — mail
 * scanners open links, and the link works once — only the button does; then to the start page.
 */
@Component({
  selector: 'app-sign-in-link-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  host: { class: 'page page-kit' },
  templateUrl: './sign-in-link-page.html',
  styleUrl: './auth-page.css',
})
export class SignInLinkPage {
  /** From the route `sign-in/link/:token`: the token of the e-mail's link. */
  readonly token = input.required<string>();

  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  private readonly focus = injectFocus();

  protected readonly retryWhen = retryWhen;
  protected readonly busy = signal(false);
  /** The link does not work (404 unknown, 410 used or expired): a new one is offered. */
  protected readonly linkProblem = signal<ApiProblem | null>(null);
  /** Anything else (429, no connection, 5xx): the button stays. */
  protected readonly problem = signal<ApiProblem | null>(null);

  protected async signIn(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const me = await this.api.invoke(signInWithLink, { token: this.token() });
      this.session.signIn(me);
      await this.router.navigateByUrl('/');
    } catch (error) {
      const problem = toApiProblem(error);
      const broken = linkBroken(problem);
      (broken ? this.linkProblem : this.problem).set(problem);
      this.focus(broken ? 'link-problem' : 'sign-in-link-problem');
    } finally {
      this.busy.set(false);
    }
  }

  /** 410 says why: `link-used` or `link-expired`. */
  protected readonly gone = linkGone;
}
