import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { HostAnswerDto } from '@mobility-hub/api-client';
import { answerDay, answerLine } from './host-answer-text';

/**
 * A board card's host line when the host declined and none has been chosen since: one line, the
 * same height as the line it replaces ("No host organisation yet"), the whole answer in its title.
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
  /** What matters first when the line is cut short on a narrow card: declined, when; then by whom. */
  protected readonly text = computed(
    () => `Host declined on ${answerDay(this.answer().answeredAt)}: ${this.answer().hostName}. Choose another host.`,
  );
  protected readonly title = computed(() => `${answerLine(this.answer())}. Choose another host.`);
}
