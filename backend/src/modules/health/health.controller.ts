import { Controller, Get } from '@nestjs/common';
import { Public } from '../../common/identity';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HealthDto, HealthIndicatorDto } from './dto/health.dto';
import { QueueHealthIndicator } from './queue-health';

@ApiTags('health')
@ApiExtraModels(HealthIndicatorDto)
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary:
      'Liveness and dependencies: 200 when PostgreSQL answers, 503 otherwise; the mail queue (Redis) is reported as up or down without failing the check',
  })
  @ApiOkResponse({ type: HealthDto })
  async check(): Promise<HealthCheckResult> {
    const [result, queue] = await Promise.all([
      this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]),
      this.queue.check(),
    ]);
    return { ...result, info: { ...result.info, queue }, details: { ...result.details, queue } };
  }
}
