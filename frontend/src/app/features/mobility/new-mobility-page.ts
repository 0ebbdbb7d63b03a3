import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-new-mobility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page' },
  template: `
    <h1 class="page-title">New mobility</h1>
    <p class="page-note">This section is being built.</p>
  `,
})
export class NewMobilityPage {}
