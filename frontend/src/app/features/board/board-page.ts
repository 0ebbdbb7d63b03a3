import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-board-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page' },
  template: `
    <h1 class="page-title">Pipeline board</h1>
    <p class="page-note">This section is being built.</p>
  `,
})
export class BoardPage {}
