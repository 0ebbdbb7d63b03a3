import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-organisations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page' },
  template: `
    <h1 class="page-title">Organisations</h1>
    <p class="page-lead">
      Sending, host and intermediary organisations with their OID, contacts and
      agreements.
    </p>
    <p class="page-note">This section is being built.</p>
  `,
})
export class OrganisationsPage {}
