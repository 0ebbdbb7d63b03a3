import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { Api, listExports, type ExportDto } from '@mobility-hub/api-client';
import { loadOrExplain } from '@app/core/api/problem';
import { formatDateTime } from '@app/core/format-date';
import { exportFileUrl, formatBytes, formatCount, FORMAT_LABELS, KIND_LABELS, STATUS_LABELS } from './report-labels';

/** The project's earlier exports, newest first, with the download while the file is kept. */
@Component({
  selector: 'app-export-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section [attr.aria-labelledby]="'export-list-heading'">
      <h2 id="export-list-heading" class="section-title">Earlier exports</h2>
      @if (exports.error(); as error) {
        <p class="form-alert" role="alert">The exports could not be loaded. {{ error.message }}</p>
      } @else if (exports.hasValue() && rows().length === 0) {
        <p class="empty">No exports yet.</p>
      } @else if (exports.hasValue()) {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="export-list-heading">
          <table class="data-table" data-testid="export-list">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Format</th>
                <th scope="col">Requested by</th>
                <th scope="col">When</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Rows</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track row.id) {
                <tr>
                  <td>{{ row.kind }}</td>
                  <td>{{ row.format }}</td>
                  <td>{{ row.requestedBy }}</td>
                  <td>{{ row.when }}</td>
                  <td>{{ row.status }}</td>
                  <td class="num">{{ row.rows }}</td>
                  <td>
                    @if (row.download) {
                      <a [href]="row.download" [attr.download]="row.fileName"
                        >Download<span class="visually-hidden">
                          {{ row.kind }} ({{ row.format }}, {{ row.when }})</span
                        ></a
                      >
                      {{ row.size }}
                    } @else if (row.expired) {
                      expired
                    } @else {
                      —
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p>Loading exports…</p>
      }
    </section>
  `,
  styles: `
    /* Keeps visually hidden text inside the scrolling box (else it widens the page). */
    .table-wrap {
      position: relative;
    }
  `,
})
export class ExportList {
  readonly projectId = input.required<string>();
  /** Bumped when an export finishes: the list is read again. */
  readonly refresh = input(0);

  private readonly api = inject(Api);
  protected readonly exports = resource({
    params: () => ({ id: this.projectId(), refresh: this.refresh() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(listExports, { id: params.id })),
  });

  protected readonly rows = computed(() => {
    const list: ExportDto[] = this.exports.hasValue() ? this.exports.value() : [];
    const now = Date.now();
    return list.map((e) => {
      const expired = e.expiresAt !== null && Date.parse(e.expiresAt) <= now;
      return {
        id: e.id,
        kind: KIND_LABELS[e.kind],
        format: FORMAT_LABELS[e.format],
        requestedBy: e.requestedBy,
        when: formatDateTime(e.createdAt),
        status: STATUS_LABELS[e.status],
        rows: formatCount(e.rows),
        download: e.downloadable && !expired ? exportFileUrl(e.id) : null,
        fileName: e.fileName,
        size: e.byteSize !== null ? `(${formatBytes(e.byteSize)})` : '',
        expired: expired || (e.status === 'done' && !e.downloadable),
      };
    });
  });
}
