import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  input,
  resource,
} from '@angular/core';
import { Api, listHostAnswerNotices } from '@mobility-hub/api-client';
import { answerHeadline } from './host-answer-text';

/**
 * The top of a mobility file (sending side): the host's answer while it still describes the
 * mobility — a decline with no host chosen since, and the next step (choose another host), or the
 * confirmation by the current host. Nothing otherwise; reloads when the mobility changes.
 */
@Component({
  selector: 'app-host-answer-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (notice(); as n) {
      <section
        class="host-answer"
        [class.declined]="n.answer === 'declined'"
        aria-labelledby="host-answer-heading"
        data-testid="host-answer-notice"
      >
        <h2 id="host-answer-heading" class="headline">{{ headline() }}</h2>
        @if (detail(); as d) {
          <p class="detail">{{ d }}</p>
        }
        @if (n.answer === 'declined') {
          <p class="next">
            <strong>Next step:</strong> choose another host; it is asked to confirm by e-mail.
            <button type="button" class="btn btn-secondary" (click)="chooseHost()">Choose another host</button>
          </p>
        }
      </section>
    }
  `,
  styles: `
    .host-answer {
      margin-block: 0 1rem;
      padding: 0.75rem 1rem;
      border: 1px solid #1f7a3f;
      border-inline-start-width: 6px;
      border-radius: 6px;
      background: #effaf2;
      color: #14361f;
    }
    .host-answer.declined {
      border-color: #a14a00;
      background: #fff5eb;
      color: #3d1f00;
    }
    .headline {
      margin: 0;
      font-size: 1.05rem;
    }
    .detail,
    .next {
      margin: 0.35rem 0 0;
      overflow-wrap: anywhere;
    }
    .next {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
    }
    .next .btn {
      min-block-size: 44px;
    }
  `,
})
export class HostAnswerNotice {
  readonly mobilityId = input.required<string>();
  /** The mobility's version: a change (another host chosen) reloads the notice. */
  readonly version = input<number>(0);

  private readonly api = inject(Api);
  private readonly injector = inject(Injector);

  private readonly notices = resource({
    params: () => ({ mobilityId: this.mobilityId(), version: this.version() }),
    loader: ({ params }) => this.api.invoke(listHostAnswerNotices, { mobilityId: params.mobilityId }),
  });
  protected readonly notice = computed(() => (this.notices.hasValue() ? (this.notices.value()[0] ?? null) : null));
  protected readonly headline = computed(() => {
    const n = this.notice();
    return n ? answerHeadline(n) : '';
  });
  protected readonly detail = computed(() => {
    const n = this.notice();
    if (!n) return null;
    if (n.answer === 'declined') return n.reason ? `Reason: “${n.reason}”` : 'No reason given.';
    return n.mentorName ? `Mentor: ${n.mentorName}, who receives the host’s reminders.` : null;
  });

  /**
   * Opens the file's "Dates, host and mentor" form and puts the cursor on the host. The form moves
   * focus to its first field once it has rendered: the host field takes it over in the frames after.
   */
  protected chooseHost(): void {
    const open = document.getElementById('edit-dates');
    if (open instanceof HTMLButtonElement && !open.disabled) open.click();
    let frames = 6;
    const focusHost = () => {
      const host = document.getElementById('edit-hostOrganisationId');
      if (host && document.activeElement !== host) {
        host.scrollIntoView({ block: 'center' });
        host.focus();
      }
      if (--frames > 0) requestAnimationFrame(focusHost);
    };
    afterNextRender(() => requestAnimationFrame(focusHost), { injector: this.injector });
  }
}
