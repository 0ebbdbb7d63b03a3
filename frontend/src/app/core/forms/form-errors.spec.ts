import { FormControl, Validators } from '@angular/forms';
import type { ApiProblem } from '@app/core/api/problem';
import { FormErrors } from './form-errors';

const FIELDS = ['name', 'country'] as const;

function problem(errors: ApiProblem['errors']): ApiProblem {
  return { status: 400, title: 'Invalid request', detail: 'see errors', errors, unmet: [], stale: false, code: null };
}

describe('FormErrors', () => {
  function setup() {
    const controls = {
      name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      country: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^[A-Z]{2}$/)] }),
    };
    const errors = new FormErrors(FIELDS, {
      name: { required: 'Enter the name.' },
      country: {},
    });
    return { controls, errors };
  }

  it('maps validator keys to messages, falling back to a generic one', () => {
    const { controls, errors } = setup();
    controls.country.setValue('xx');
    expect(errors.validate(controls)).toBe(false);
    expect(errors.messages()).toEqual({ name: 'Enter the name.', country: 'Check this field.' });
    expect(errors.count()).toBe(2);

    controls.name.setValue('Hotel Mar');
    controls.country.setValue('ES');
    expect(errors.validate(controls)).toBe(true);
    expect(errors.count()).toBe(0);
  });

  it('puts API field errors at their field and says when part of the problem belongs nowhere', () => {
    const { errors } = setup();
    expect(errors.report(problem([{ field: 'country', rule: 'isIn', message: 'unknown country' }]))).toEqual({
      atFields: true,
      elsewhere: false,
    });
    expect(errors.messages().country).toBe('unknown country');

    expect(errors.report(problem([{ field: 'timeZone', rule: 'isTimeZone', message: 'bad zone' }]))).toEqual({
      atFields: false,
      elsewhere: true,
    });
    expect(errors.report(problem([]))).toEqual({ atFields: false, elsewhere: true });

    errors.clear();
    expect(errors.count()).toBe(0);
  });

  it('focuses the first field with a message', () => {
    const { controls, errors } = setup();
    const form = document.createElement('form');
    form.innerHTML = '<input id="x-name" /><input id="x-country" />';
    document.body.append(form);
    controls.name.setValue('Hotel Mar');
    controls.country.setValue('es');
    errors.validate(controls);
    errors.focusFirst(form, 'x-');
    expect(document.activeElement?.id).toBe('x-country');
    form.remove();
  });

  it('moves the focus itself on validating and on reporting when it knows where the form is', () => {
    const { controls } = setup();
    const form = document.createElement('form');
    form.innerHTML = '<input id="x-name" /><input id="x-country" />';
    document.body.append(form);
    const errors = new FormErrors(FIELDS, { name: {}, country: {} }, { form: () => form, idPrefix: 'x-' });
    controls.name.setValue('Hotel Mar');
    controls.country.setValue('es');
    expect(errors.validate(controls)).toBe(false);
    expect(document.activeElement?.id).toBe('x-country');
    controls.country.setValue('ES');
    expect(errors.validate(controls)).toBe(true);
    expect(errors.report(problem([{ field: 'name', rule: 'isNotEmpty', message: 'name is taken' }])).atFields).toBe(
      true,
    );
    expect(document.activeElement?.id).toBe('x-name');
    form.remove();
  });
});
