import { Body, Controller, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentIdentity, Identity } from '../../common/identity';
import { etagOf, IfMatch, parseIfMatch, UuidParam } from '../../common/params';
import { ApiProblems } from '../../common/problem/api-problems';
import { MobilityDto, RecordInsuranceDto, RecordParticipantReportDto } from './dto/mobility.dto';
import { MobilityRecordsService } from './mobility-records.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag of the mobility as last read' };

@ApiTags('mobilities')
@Controller()
export class MobilityRecordsController {
  constructor(private readonly records: MobilityRecordsService) {}

  @Put('mobilities/:id/insurance')
  @ApiOperation({
    operationId: 'recordMobilityInsurance',
    summary:
      'Record the insurance covers of a stay (health, accident, third-party liability); implementation needs all three',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MobilityDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'mobility-closed', 'stale-version', 422, 'snapshot-version-unsupported')
  async recordInsurance(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: RecordInsuranceDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MobilityDto> {
    return withEtag(reply, await this.records.recordInsurance(identity, id, dto, parseIfMatch(ifMatch)));
  }

  @Post('mobilities/:id/participant-report')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordParticipantReport',
    summary: 'Record a step of the participant report (requested, re-sent, undelivered, submitted, excluded)',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MobilityDto })
  @ApiProblems(
    400,
    'role-not-allowed',
    404,
    'participant-report-refused',
    'stale-version',
    'participant-report-too-soon',
    'snapshot-version-unsupported',
  )
  async recordParticipantReport(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: RecordParticipantReportDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MobilityDto> {
    return withEtag(reply, await this.records.recordParticipantReport(identity, id, dto, parseIfMatch(ifMatch)));
  }
}

function withEtag(reply: FastifyReply, mobility: MobilityDto): MobilityDto {
  void reply.header('ETag', etagOf(mobility.version));
  return mobility;
}
