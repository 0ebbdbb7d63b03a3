import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { HostAnswerDto } from '@mobility-hub/api-client';
import { answerHeadline } from './host-answer-text';

/**
 * A board card's host line when the host declined and none has been chosen since: one line, the
 * same height as the line it replaces ("No host organisation yet"), the reason in its title.
 */
@Component({
  selector: 'app-host-decline-flag',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'host-decline-flag', '[attr.title]': 'title()', 'data-testid': 'host-declined' },
  template: `<span aria-hidden="true" class="mark">!</span> {{ text() }}`,
  styles: `
    :host {
      display: inline;
      color: #8a3c00;
      font-weight: 600;
    }
    .mark {
      display: inline-block;
      inline-size: 1.1em;
      block-size: 1.1em;
      border-radius: 50%;
      background: #8a3c00;
      color: #fff;
      font-size: 0.75em;
      line-height: 1.1em;
      text-align: center;
      vertical-align: 0.1em;
    }
  `,
})
export class HostDeclineFlag {
  readonly answer = input.required<HostAnswerDto>();
  protected readonly text = computed(() => `${answerHeadline(this.answer())}: choose another host`);
  protected readonly title = computed(() => {
    const reason = this.answer().reason;
    return reason ? `Reason: ${reason}` : 'No reason given';
  });
}
