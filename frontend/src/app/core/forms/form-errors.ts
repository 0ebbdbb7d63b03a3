import { computed, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { fieldMessage, type ApiProblem } from '@app/core/api/problem';

/** Per field: the message for each validator key (`required`, `min`, `pattern`, …). */
export type ClientMessages<F extends string> = Readonly<Record<F, Readonly<Record<string, string>>>>;

const FALLBACK_MESSAGE = 'Check this field.';

/** Where a form's inputs are: the input of `field` has the id `${idPrefix}${field}` inside `form()`. */
export interface FormFieldsAt {
  readonly form: () => HTMLElement | undefined;
  readonly idPrefix: string;
}

/**
 * The error state of a reactive create form: client-side validator messages first, then the field
 * errors of the API's problem (RFC 9457). `fields` is the order the fields appear in the form, so
 * the first one with an error is the one to focus — which `validate` and `report` do when told
 * where the form is (`at`).
 */
export class FormErrors<F extends string> {
  /** The last problem the API answered with, or null. */
  readonly problem = signal<ApiProblem | null>(null);
  private readonly client = signal<Partial<Record<F, string>>>({});

  /** The message to show at each field, or null. */
  readonly messages = computed(() => {
    const client = this.client();
    const problem = this.problem();
    return Object.fromEntries(this.fields.map((f) => [f, client[f] ?? fieldMessage(problem, f)])) as Record<
      F,
      string | null
    >;
  });
  readonly count = computed(() => Object.values(this.messages()).filter(Boolean).length);

  constructor(
    private readonly fields: readonly F[],
    private readonly clientMessages: ClientMessages<F>,
    private readonly at?: FormFieldsAt,
  ) {}

  /** Forgets the API's problem and checks the controls; true when the form may be sent (else the first field with a message has the focus). */
  validate(controls: Readonly<Record<F, AbstractControl>>): boolean {
    this.problem.set(null);
    const client: Partial<Record<F, string>> = {};
    for (const field of this.fields) {
      const errors = controls[field].errors;
      if (errors) client[field] = this.clientMessages[field][Object.keys(errors)[0]] ?? FALLBACK_MESSAGE;
    }
    this.client.set(client);
    const valid = Object.keys(client).length === 0;
    if (!valid) this.focusFirstAt();
    return valid;
  }

  /**
   * Records the API's problem, focusing the first field it names. Returns whether some of it belongs
   * to no field of this form (or it has no field errors at all), so that the caller shows it as a
   * notification instead.
   */
  report(problem: ApiProblem): { readonly atFields: boolean; readonly elsewhere: boolean } {
    this.problem.set(problem);
    const known = problem.errors.filter((e) => this.fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
    if (known.length > 0) this.focusFirstAt();
    return {
      atFields: known.length > 0,
      elsewhere: known.length < problem.errors.length || problem.errors.length === 0,
    };
  }

  clear(): void {
    this.problem.set(null);
    this.client.set({});
  }

  /** Focuses the first field with a message; its input has the id `${idPrefix}${field}` inside `form`. */
  focusFirst(form: HTMLElement | undefined, idPrefix: string): void {
    const messages = this.messages();
    const first = this.fields.find((f) => messages[f]);
    if (first) form?.querySelector<HTMLElement>(`#${idPrefix}${first}`)?.focus();
  }

  private focusFirstAt(): void {
    if (this.at) this.focusFirst(this.at.form(), this.at.idPrefix);
  }
}
