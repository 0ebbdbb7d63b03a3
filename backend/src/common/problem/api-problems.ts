import { PROBLEM_CODES, PROBLEM_TYPE_PREFIX, ProblemCode, problemType } from '@mobility-hub/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, ApiResponseOptions } from '@nestjs/swagger';

/** Every problem `type` the API answers with: the registry, as URIs. */
export const PROBLEM_TYPES: readonly string[] = (Object.keys(PROBLEM_CODES) as ProblemCode[]).map(problemType);

const PROBLEM_TYPE_TABLE = (Object.keys(PROBLEM_CODES) as ProblemCode[])
  .map((code) => `| \`${code}\` | ${PROBLEM_CODES[code].status} | ${PROBLEM_CODES[code].description} |`)
  .join('\n');

export class FieldErrorDto {
  @ApiProperty({ example: 'endDate' }) field: string;
  @ApiProperty({ example: 'endDate >= startDate' }) rule: string;
  @ApiProperty() message: string;
}

export class ProblemDto {
  @ApiProperty({
    enum: PROBLEM_TYPES,
    enumName: 'ProblemType',
    example: problemType('invalid-request'),
    description: `\`${PROBLEM_TYPE_PREFIX}<code>\`, one of the registered codes:\n\n| code | status | meaning |\n| --- | --- | --- |\n${PROBLEM_TYPE_TABLE}`,
  })
  type: string;
  @ApiProperty({ example: 'Invalid request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ example: '/api/organisations', description: 'The path of the request' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'The broken rules, 20 at most' })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'How many more broken rules there were than `errors` lists' })
  errorsOmitted?: number;
  @ApiPropertyOptional({ description: '`stale-version`: the version the record has now' })
  currentVersion?: number;
  @ApiPropertyOptional({ description: 'Too many requests, or busy: seconds to wait (also the Retry-After header)' })
  retryAfterSeconds?: number;
  @ApiPropertyOptional({ description: 'A used or expired link: a new one can be asked for' })
  renewable?: boolean;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "`person-details-differ`: the school's person with that address, to create the mobility for",
  })
  personId?: string;
}

export const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed, has unknown fields or wrong types (the fields are named in errors)',
  401: 'Not signed in, or the credentials are not right',
  403: 'Signed in, but this role may not do this (the record is one the caller may see)',
  404: 'No such record, or none the signed-in person may see',
  409: 'Refused in the current state',
  410: 'Gone: a link that was used or has expired (ask for a new one), or an export whose file was deleted after its retention period (export again)',
  412: 'If-Match names a stale version',
  413: 'Body larger than the route accepts',
  422: 'Breaks a business rule (named in errors)',
  429: 'Too many attempts: try again after Retry-After seconds',
  500: 'An unexpected error (logged; the answer says no more), or stored data this build cannot read',
  503: 'Busy with another change, or a dependency is down: try again after Retry-After seconds',
};

/** The extension that lists, on a documented problem response, the codes it may carry. */
export const PROBLEM_CODES_EXTENSION = 'x-problem-codes';

export const PROBLEM_CONTENT = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
} as const;

/** What a bare status in `ApiProblems` stands for: the code the API answers it with in general. */
export const GENERAL_CODES = {
  400: 'invalid-request',
  401: 'signed-out',
  403: 'role-not-allowed',
  404: 'not-found',
  409: 'conflict',
  410: 'gone',
  412: 'stale-version',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'rule-violated',
  429: 'too-many-requests',
  500: 'internal',
  503: 'service-unavailable',
} as const satisfies Record<number, ProblemCode>;

/**
 * Documents the problem+json answers of an endpoint: registered codes (their status is the
 * registry's), or a bare status for its general code. Each response lists its codes in
 * `x-problem-codes`, and the integration tests hold the server to that list.
 */
export function ApiProblems(...answers: (keyof typeof GENERAL_CODES | ProblemCode)[]): MethodDecorator {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const answer of answers) {
    const code = typeof answer === 'number' ? GENERAL_CODES[answer] : answer;
    const status = PROBLEM_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, codes]) =>
      // The extension rides along into the document (ApiResponseOptions does not list x- keys).
      ApiResponse({
        status,
        description: describeCodes(DESCRIPTIONS[status] ?? 'Problem', codes),
        content: PROBLEM_CONTENT,
        [PROBLEM_CODES_EXTENSION]: codes,
      } as ApiResponseOptions),
    ),
  );
}

/** A problem response's description, with the codes it may carry. */
export function describeCodes(description: string, codes: readonly ProblemCode[]): string {
  return `${description.split(' — codes: ')[0]} — codes: ${codes.map((code) => `\`${code}\``).join(', ')}`;
}
