import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationError, ValidationTypes, ValidatorOptions } from 'class-validator';
import { shortField } from '../request-limits';
import { FieldError, Problems } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = shortField(prefix ? `${prefix}.${error.property}` : error.property);
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown field' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * What PostgreSQL cannot take, found before it sees it: text with a NUL character (PostgreSQL
 * refuses it in text columns and parameters). Iterative; the JSON parser has already refused bodies
 * with more keys or levels than the API takes (request-limits.ts), and query strings are flat.
 */
export function unsafeInputErrors(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        const field = shortField(path || 'body');
        errors.push({
          field,
          rule: 'no NUL character',
          message: `${field} must not contain the NUL character (U+0000)`,
        });
      }
    } else if (value !== null && typeof value === 'object') {
      // Pushed last to first, so the errors come in the order of the input.
      for (const [key, child] of Object.entries(value).reverse()) {
        const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) {
          errors.push({
            field: shortField(childPath),
            rule: 'no NUL character',
            message: 'field names must not contain the NUL character (U+0000)',
          });
        }
        stack.push({ value: child, path: childPath });
      }
    }
  }
  return errors;
}

/** The properties a DTO class declares (any validation decorator), and those validated as nested DTOs. */
interface DtoProperties {
  readonly known: ReadonlySet<string>;
  readonly nested: readonly string[];
}
const dtoProperties = new WeakMap<object, DtoProperties | null>();

function propertiesOf(type: object): DtoProperties | null {
  let properties = dtoProperties.get(type);
  if (properties === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(type as () => void, '', false, false);
    properties =
      metadata.length === 0
        ? null
        : {
            known: new Set(metadata.map((m) => m.propertyName)),
            nested: [
              ...new Set(
                metadata.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION).map((m) => m.propertyName),
              ),
            ],
          };
    dtoProperties.set(type, properties);
  }
  return properties;
}

/**
 * The first field of a transformed DTO (nested DTOs included) that its class does not declare, as the
 * error class-validator's whitelist would give; undefined when there is none. class-validator lists
 * every unknown field and still validates the rest: this stops at the first one.
 */
export function firstUnknownField(value: unknown): ValidationError | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = firstUnknownField(item);
      if (found) return parentOf(String(index), found);
    }
    return undefined;
  }
  // Only instances of a DTO class; class-validator judges anything else (a stand-in, a plain object).
  const type = (value as { constructor?: unknown }).constructor;
  if (typeof type !== 'function' || Object.getPrototypeOf(value) !== type.prototype) return undefined;
  const properties = propertiesOf(type);
  if (!properties) return undefined;
  for (const key of Object.keys(value)) {
    if (!properties.known.has(key)) {
      const error = new ValidationError();
      error.property = key;
      error.constraints = { [ValidationTypes.WHITELIST]: `property ${key} should not exist` };
      error.children = [];
      return error;
    }
  }
  for (const key of properties.nested) {
    const found = firstUnknownField((value as Record<string, unknown>)[key]);
    if (found) return parentOf(key, found);
  }
  return undefined;
}

function parentOf(property: string, child: ValidationError): ValidationError {
  const error = new ValidationError();
  error.property = property;
  error.children = [child];
  return error;
}

/**
 * The ValidationPipe, after the scan for input no layer below can take; a body with an unknown field
 * is refused naming the first one, before any other rule is checked.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unsafe = unsafeInputErrors(value);
      if (unsafe.length > 0) throw Problems.invalidRequest(unsafe);
    }
    return super.transform(value, metadata);
  }

  protected override validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    const unknown = firstUnknownField(object);
    return unknown ? [unknown] : super.validate(object, validatorOptions);
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
