import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-mobilities-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page' },
  template: `
    <h1 class="page-title">Mobilities</h1>
    <p class="page-lead">
      Every learner and staff mobility with its phase, dates, host and the
      checklist of tasks still to do.
    </p>
    <p class="page-note">This section is being built.</p>
  `,
})
export class MobilitiesPage {}
