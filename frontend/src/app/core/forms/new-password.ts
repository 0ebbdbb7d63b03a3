import { FormControl, Validators, type AbstractControl, type ValidatorFn } from '@angular/forms';

/** The API's rule for a new password (NewPasswordDto, AcceptInvitationDto, ChangePasswordDto): 12 to 200 characters. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** The validators of a new password's field. */
export const NEW_PASSWORD_VALIDATORS: ValidatorFn[] = [
  Validators.required,
  Validators.minLength(PASSWORD_MIN),
  Validators.maxLength(PASSWORD_MAX),
];

/** The messages of a new password's field (FormErrors' client messages), `required` as given. */
export function newPasswordMessages(required: string): Readonly<Record<string, string>> {
  return {
    required,
    minlength: `Use at least ${PASSWORD_MIN} characters.`,
    maxlength: `Use ${PASSWORD_MAX} characters at most.`,
  };
}

/** The message of a confirmation that does not repeat the password (see `mustRepeat`). */
export const MISMATCH_MESSAGE = 'The two passwords are not the same.';

/**
 * Makes `confirmation` repeat `password`: `{ mismatch: true }` when both differ (checked once there
 * is a confirmation, and again whenever the password changes).
 */
export function mustRepeat(password: AbstractControl<string>, confirmation: AbstractControl<string>): void {
  confirmation.addValidators((control) =>
    !control.value || control.value === password.value ? null : { mismatch: true },
  );
  password.valueChanges.subscribe(() => confirmation.updateValueAndValidity());
}

/** The two fields of a new password — the password, and its confirmation that must repeat it — for a FormGroup. */
export function newPasswordControls(): { password: FormControl<string>; confirmation: FormControl<string> } {
  const password = new FormControl('', { nonNullable: true, validators: NEW_PASSWORD_VALIDATORS });
  const confirmation = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  mustRepeat(password, confirmation);
  return { password, confirmation };
}
