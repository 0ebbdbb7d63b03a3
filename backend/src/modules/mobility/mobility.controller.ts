import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponseOptions,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentIdentity, Identity } from '../../common/identity';
import { etagOf, IfMatch, parseIfMatch, UuidParam } from '../../common/params';
import { ApiProblems, PROBLEM_CODES_EXTENSION } from '../../common/problem/api-problems';
import {
  CreateMobilityDto,
  LifecycleEventDto,
  ListMobilitiesQuery,
  MobilityDto,
  MobilityEventRequestDto,
  MobilityPageDto,
  UpdateMobilityDto,
} from './dto/mobility.dto';
import { HistoryService } from './history.service';
import { MobilityService } from './mobility.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag of the mobility as last read' };

@ApiTags('mobilities')
@Controller()
export class MobilityController {
  constructor(
    private readonly mobilities: MobilityService,
    private readonly history: HistoryService,
  ) {}

  @Post('projects/:id/mobilities')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createMobility',
    summary: "Add a participant's mobility to a project; its dated checklist is generated",
  })
  @ApiCreatedResponse({ type: MobilityDto })
  @ApiProblems(400, 404, 'person-details-differ', 422)
  async create(
    @CurrentIdentity() identity: Identity,
    @UuidParam() projectId: string,
    @Body() dto: CreateMobilityDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MobilityDto> {
    return withEtag(reply, await this.mobilities.create(identity, projectId, dto));
  }

  @Get('mobilities')
  @ApiOperation({ operationId: 'listMobilities', summary: 'Mobilities, filtered and paged' })
  @ApiOkResponse({ type: MobilityPageDto })
  @ApiProblems(400)
  list(@CurrentIdentity() identity: Identity, @Query() query: ListMobilitiesQuery): Promise<MobilityPageDto> {
    return this.mobilities.list(identity, query);
  }

  @Get('mobilities/:id')
  @ApiOperation({
    operationId: 'getMobility',
    summary: 'One mobility with the events its lifecycle accepts now; ETag = version',
  })
  @ApiOkResponse({ type: MobilityDto })
  @ApiProblems(400, 404, 'snapshot-version-unsupported')
  async get(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MobilityDto> {
    return withEtag(reply, await this.mobilities.get(identity, id));
  }

  @Patch('mobilities/:id')
  @ApiOperation({
    operationId: 'updateMobility',
    summary: 'Change dates, host, travel or the fewer-opportunities flag; due dates of tasks not done follow the dates',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MobilityDto })
  @ApiProblems(
    400,
    'role-not-allowed',
    404,
    'mobility-closed',
    'host-fixed',
    'stale-version',
    422,
    'snapshot-version-unsupported',
  )
  async update(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: UpdateMobilityDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MobilityDto> {
    return withEtag(reply, await this.mobilities.update(identity, id, dto, parseIfMatch(ifMatch)));
  }

  @Post('mobilities/:id/events')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'sendMobilityEvent',
    summary: 'Send a lifecycle event (ADVANCE, REOPEN, WITHDRAW, HOST_CONFIRM, HOST_DECLINE)',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MobilityDto, description: 'The event applied; the mobility in its new state' })
  @ApiConflictResponse({
    description: 'The lifecycle refuses the event now; `unmet` lists why',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/LifecycleRefusedDto' } } },
    [PROBLEM_CODES_EXTENSION]: ['lifecycle-refused'],
  } as ApiResponseOptions)
  @ApiProblems(400, 'role-not-allowed', 404, 'stale-version', 'snapshot-version-unsupported')
  async send(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: MobilityEventRequestDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MobilityDto> {
    return withEtag(reply, await this.mobilities.sendEvent(identity, id, dto, parseIfMatch(ifMatch)));
  }

  @Post('mobilities/:id/checklist-migration')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'migrateMobilityChecklist',
    summary:
      'Move the mobility to the current checklist version: done and waived tasks stay, new tasks are added, open tasks follow the new rules',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MobilityDto, description: 'The mobility on the current checklist version' })
  @ApiProblems(400, 'role-not-allowed', 404, 'checklist-closed', 'checklist-current', 'stale-version')
  async migrateChecklist(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MobilityDto> {
    return withEtag(reply, await this.mobilities.migrateChecklist(identity, id, parseIfMatch(ifMatch)));
  }

  @Get('mobilities/:id/history')
  @ApiOperation({ operationId: 'getMobilityHistory', summary: 'The lifecycle events of a mobility, in order' })
  @ApiOkResponse({ type: [LifecycleEventDto] })
  @ApiProblems(400, 'role-not-allowed', 404)
  getHistory(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<LifecycleEventDto[]> {
    return this.history.list(identity, id);
  }
}

function withEtag(reply: FastifyReply, mobility: MobilityDto): MobilityDto {
  void reply.header('ETag', etagOf(mobility.version));
  return mobility;
}
