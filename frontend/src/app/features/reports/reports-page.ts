import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api, getProject } from '@mobility-hub/api-client';
import { loadOrExplain, loadProblemOf } from '@app/core/api/problem';
import { ExportList } from './export-list';
import { ExportPanel } from './export-panel';
import { ImportWizard } from './import-wizard';

/** A project's reports: the final report and the BM mobility file as worker jobs, earlier exports, the import. */
@Component({
  selector: 'app-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page page-wide' },
  imports: [RouterLink, ExportPanel, ExportList, ImportWizard],
  template: `
    <p class="crumb">
      <a routerLink="/projects">Projects</a>
      <span aria-hidden="true"> › </span>
      <a [routerLink]="['/projects', projectId()]">{{ project()?.title ?? 'Pipeline' }}</a>
    </p>
    <h1 class="page-title">Reports and import</h1>
    @if (project(); as p) {
      <p class="page-lead">{{ p.reference }} · {{ p.beneficiaryOrganisation.name }}</p>
    }
    @if (problem(); as problem) {
      <p class="form-alert" role="alert">
        @if (problem.status === 404) {
          This project does not exist (any more). <a routerLink="/projects">Back to the projects</a>
        } @else {
          The project could not be loaded. {{ problem.title }}: {{ problem.detail }}
        }
      </p>
    } @else {
      <h2 class="section-title">Exports</h2>
      <p>Exports run in the background; you can keep working and come back to the list below.</p>
      <div class="panels">
        <app-export-panel [projectId]="projectId()" kind="final-report" (finished)="exportFinished()">
          <p>
            For the National Agency and your records. <strong>Excel</strong>: sheets Summary, Mobilities, Tasks and
            History. <strong>CSV</strong>: the mobilities. <strong>PDF</strong>: for printing and signing.
          </p>
        </app-export-panel>
        <app-export-panel [projectId]="projectId()" kind="bm-mobilities" (finished)="exportFinished()">
          <p>
            The mobilities in the Beneficiary Module's column order (Excel or CSV). Rows breaking a BM rule are held
            back and listed with the field and rule, so that you can correct them first.
          </p>
        </app-export-panel>
      </div>
      <app-export-list [projectId]="projectId()" [refresh]="refresh()" />
      <app-import-wizard [projectId]="projectId()" />
    }
  `,
  styles: `
    .crumb {
      margin: 0 0 0.25rem;
      font-size: 0.875rem;
    }
    .panels > * {
      display: block;
      min-inline-size: 0;
    }
  `,
})
export class ReportsPage {
  /** From the route parameter `:projectId`. */
  readonly projectId = input.required<string>();

  private readonly api = inject(Api);
  private readonly projectResource = resource({
    params: () => ({ id: this.projectId() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getProject, params)),
  });
  protected readonly project = computed(() => (this.projectResource.hasValue() ? this.projectResource.value() : null));
  protected readonly problem = computed(() => loadProblemOf(this.projectResource));

  protected readonly refresh = signal(0);
  protected exportFinished(): void {
    this.refresh.update((n) => n + 1);
  }
}
