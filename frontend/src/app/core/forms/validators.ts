import type { AbstractControl, ValidationErrors } from '@angular/forms';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Required, and more than blanks. */
export function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value.trim() ? null : { required: true };
}

/** An e-mail address (after trimming), as the API's check wants it: a dot in the domain. */
export function emailAddress(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  return !value || EMAIL.test(value) ? null : { email: true };
}
