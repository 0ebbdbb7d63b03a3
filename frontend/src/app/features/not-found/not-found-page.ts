import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  host: { class: 'page' },
  template: `
    <h1 class="page-title">Page not found</h1>
    <p class="page-lead">
      There is no page at this address.
      <a routerLink="/">Go to the start page</a>.
    </p>
  `,
})
export class NotFoundPage {}
