import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Notifications } from '@app/core/notifications';

@Component({
  selector: 'app-notifications-outlet',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="notifications" role="status" aria-live="polite">
      @for (n of notifications.items(); track n.id) {
        <div class="notification" [class.error]="n.kind === 'error'">
          <span>{{ n.text }}</span>
          @if (n.action; as action) {
            <button type="button" (click)="action.run(); notifications.dismiss(n.id)">{{ action.label }}</button>
          }
          <button type="button" class="dismiss" (click)="notifications.dismiss(n.id)" aria-label="Dismiss message">
            ×
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .notifications {
      position: fixed;
      right: 1rem;
      bottom: 3.5rem;
      display: grid;
      gap: 0.5rem;
      z-index: 20;
      max-width: 28rem;
    }
    .notification {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      padding: 0.75rem 1rem;
      border-radius: 0.5rem;
      background: #1f2937;
      color: #fff;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
    }
    .notification.error {
      background: #991b1b;
    }
    button {
      font: inherit;
      border: 1px solid currentColor;
      background: transparent;
      color: inherit;
      border-radius: 0.375rem;
      padding: 0.125rem 0.5rem;
      cursor: pointer;
    }
    .dismiss {
      border: none;
      font-size: 1.25rem;
      line-height: 1;
    }
  `,
})
export class NotificationsOutlet {
  protected readonly notifications = inject(Notifications);
}
