import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { PASSWORD_MAX, PASSWORD_MIN } from '@app/core/forms/new-password';

/**
 * A new password, twice: the two fields with the rule shown before typing, their error messages and
 * the "Show passwords" box. The parent form owns the controls (core/forms/new-password's validators
 * and `mustRepeat`) and their messages (FormErrors); the ids are `${idPrefix}-password`,
 * `${idPrefix}-confirmation` (with `-hint` and `-error`) and `${idPrefix}-show`.
 */
@Component({
  selector: 'app-new-password-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './new-password-fields.html',
  styleUrl: './new-password-fields.css',
})
export class NewPasswordFields {
  /** The start of every id, e.g. `reset` → `reset-password`. */
  readonly idPrefix = input.required<string>();
  /** The first field's label; the second's adds ", again". */
  readonly label = input('New password');
  readonly password = input.required<FormControl<string>>();
  readonly confirmation = input.required<FormControl<string>>();
  /** The message to show at each field, or null. */
  readonly errors = input.required<{ readonly password: string | null; readonly confirmation: string | null }>();

  /** "Show passwords" is ticked (a parent with more password fields reads it too). */
  readonly shown = signal(false);

  protected readonly min = PASSWORD_MIN;
  protected readonly max = PASSWORD_MAX;

  protected toggleShown(event: Event): void {
    this.shown.set((event.target as HTMLInputElement).checked);
  }
}
