import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-projects-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page' },
  template: `
    <h1 class="page-title">Projects</h1>
    <p class="page-lead">
      Your KA1 VET accreditation and short-term projects: grant agreement,
      budget, flows and deadlines in one place.
    </p>
    <p class="page-note">This section is being built.</p>
  `,
})
export class ProjectsPage {}
