import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One dependency's state, as @nestjs/terminus reports it. */
export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ description: 'Why it is down' }) message?: string;
  @ApiPropertyOptional({ description: 'Milliseconds the database took to answer' }) responseTime?: number;
}

const BY_DEPENDENCY = {
  type: 'object',
  additionalProperties: { $ref: getSchemaPath(HealthIndicatorDto) },
  description: 'By dependency: `database`, `queue`',
} as const;

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: 'ok' | 'error' | 'shutting_down';
  @ApiPropertyOptional({ ...BY_DEPENDENCY, description: 'The dependencies that are up' })
  info?: Record<string, HealthIndicatorDto>;
  @ApiPropertyOptional({ ...BY_DEPENDENCY, description: 'The dependencies that are down' })
  error?: Record<string, HealthIndicatorDto>;
  @ApiProperty(BY_DEPENDENCY) details: Record<string, HealthIndicatorDto>;
}
