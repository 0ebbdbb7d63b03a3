import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-mobility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page' },
  template: `
    <h1 class="page-title">Mobility file</h1>
    <p class="page-note">This section is being built.</p>
  `,
})
export class MobilityPage {}
