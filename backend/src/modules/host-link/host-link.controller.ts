import { Public } from '../../common/identity';
import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { RateLimitGuard } from '../../common/rate-limit.guard';
import { BodyLimit, SMALL_BODY_LIMIT } from '../../common/request-limits';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/problem/api-problems';
import { ConfirmPlacementDto, DeclinePlacementDto, HostPlacementDto, RenewedLinkDto } from './dto/host-link.dto';
import { HostLinkService } from './host-link.service';

const TOKEN = { name: 'token', description: 'The token of the link in the placement-confirmation e-mail' };

/** The host's side of a placement, through the link in its e-mail (no account). */
@ApiTags('host links')
@Public() // the link's token is the capability: hosts need no account
@Controller('host-links/placement/:token')
@UseGuards(RateLimitGuard)
@BodyLimit(SMALL_BODY_LIMIT)
export class HostLinkController {
  constructor(private readonly links: HostLinkService) {}

  @Get()
  @ApiOperation({
    operationId: 'getHostPlacement',
    summary: 'The placement a host is asked to confirm, and whether the link still works',
  })
  @ApiParam(TOKEN)
  @ApiOkResponse({ type: HostPlacementDto })
  @ApiProblems(404, 'too-many-requests')
  view(@Param('token') token: string): Promise<HostPlacementDto> {
    return this.links.view(token);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'confirmHostPlacement',
    summary: 'The host confirms the placement and names the mentor (uses up the link)',
  })
  @ApiParam(TOKEN)
  @ApiOkResponse({ type: HostPlacementDto })
  @ApiProblems(
    400,
    404,
    'placement-settled',
    'link-used',
    'link-expired',
    'too-many-requests',
    'snapshot-version-unsupported',
  )
  confirm(
    @Param('token') token: string,
    @Body() dto: ConfirmPlacementDto,
    @Req() request: FastifyRequest,
  ): Promise<HostPlacementDto> {
    return this.links.confirm(token, dto, request.ip);
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({ operationId: 'declineHostPlacement', summary: 'The host cannot take the learner (uses up the link)' })
  @ApiParam(TOKEN)
  @ApiOkResponse({ type: HostPlacementDto })
  @ApiProblems(
    400,
    404,
    'placement-settled',
    'link-used',
    'link-expired',
    'too-many-requests',
    'snapshot-version-unsupported',
  )
  decline(
    @Param('token') token: string,
    @Body() dto: DeclinePlacementDto,
    @Req() request: FastifyRequest,
  ): Promise<HostPlacementDto> {
    return this.links.decline(token, dto, request.ip);
  }

  @Post('renew')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'renewHostPlacementLink',
    summary: 'A used or expired link asks for a new one, e-mailed to the same host contact',
  })
  @ApiParam(TOKEN)
  @ApiOkResponse({ type: RenewedLinkDto })
  @ApiProblems(404, 'placement-settled', 'placement-declined', 'link-recently-sent', 'too-many-requests')
  renew(@Param('token') token: string, @Req() request: FastifyRequest): Promise<RenewedLinkDto> {
    return this.links.renew(token, request.ip);
  }
}
