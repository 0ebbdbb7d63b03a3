import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

/** The two pages of an organisation's team: its people, and its audit log. */
@Component({
  selector: 'app-team-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  template: `
    <nav class="team-nav" [attr.aria-label]="'Team pages of ' + (organisationName() || 'the organisation')">
      <ul>
        <li>
          <a
            [routerLink]="['/organisations', organisationId(), 'team']"
            routerLinkActive="active"
            [routerLinkActiveOptions]="{ exact: true }"
            ariaCurrentWhenActive="page"
            >People and invitations</a
          >
        </li>
        <li>
          <a
            [routerLink]="['/organisations', organisationId(), 'team', 'audit']"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
            >Audit log</a
          >
        </li>
      </ul>
    </nav>
  `,
  styles: `
    .team-nav ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0 0 1rem;
      padding: 0;
      list-style: none;
      border-block-end: 1px solid var(--mh-border);
    }
    .team-nav a {
      display: inline-block;
      padding: 0.5rem 0.875rem;
      color: var(--mh-text);
      text-decoration: none;
      font-weight: 500;
      border-block-end: 3px solid transparent;
    }
    .team-nav a:hover {
      background: var(--mh-surface-hover);
    }
    .team-nav a.active {
      border-block-end-color: var(--mh-accent);
      color: var(--mh-accent-strong);
      font-weight: 600;
    }
  `,
})
export class TeamNav {
  readonly organisationId = input.required<string>();
  readonly organisationName = input<string>('');
}
