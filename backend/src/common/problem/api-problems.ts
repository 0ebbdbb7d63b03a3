import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'endDate' }) field: string;
  @ApiProperty({ example: 'endDate >= startDate' }) rule: string;
  @ApiProperty() message: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'urn:mobility-hub:problem:invalid-request' }) type: string;
  @ApiProperty({ example: 'Invalid request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ example: '/api/organisations' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed, has unknown fields or wrong types (the fields are named in errors)',
  401: 'Not signed in, or the credentials are not right',
  403: 'Signed in, but this role may not do this (the record is one the caller may see)',
  404: 'No such record, or none the signed-in person may see',
  409: 'Refused in the current state',
  410: 'The link was used or has expired (renewable: ask for a new one)',
  412: 'If-Match names a stale version',
  413: 'Body larger than 1 MB',
  422: 'Breaks a business rule (named in errors)',
  429: 'Too many attempts: try again after Retry-After seconds',
};

/** Documents the problem+json answers of an endpoint. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
}
