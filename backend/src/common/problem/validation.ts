import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, Problems } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown field' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Deeper than any request the API describes (bodies nest two levels at most). */
export const MAX_INPUT_DEPTH = 16;

/**
 * What PostgreSQL or the validators cannot take, found before they see it: text with a NUL
 * character (PostgreSQL refuses it in text columns and parameters) and structures nested so deeply
 * that transforming them would overflow the stack. Iterative, so the scan itself cannot overflow.
 */
export function unsafeInputErrors(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        const field = path || 'body';
        errors.push({
          field,
          rule: 'no NUL character',
          message: `${field} must not contain the NUL character (U+0000)`,
        });
      }
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        const field = path || 'body';
        return [
          { field, rule: 'nesting depth', message: `${field} is nested more than ${MAX_INPUT_DEPTH} levels deep` },
        ];
      }
      for (const [key, child] of Object.entries(value)) {
        const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) {
          errors.push({
            field: childPath,
            rule: 'no NUL character',
            message: 'field names must not contain the NUL character (U+0000)',
          });
        }
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return errors;
}

/** The ValidationPipe, after the scan for input no layer below can take. */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unsafe = unsafeInputErrors(value);
      if (unsafe.length > 0) throw Problems.invalidRequest(unsafe);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Request validation for every route: unknown fields are refused, types are not coerced for
 * bodies (a string "3" is not a number), query strings are converted by explicit @Type hints.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => Problems.invalidRequest(flatten(errors)),
  });
}
