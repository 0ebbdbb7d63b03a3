import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/identity';
import { ApiProblems } from '../../common/problem/api-problems';
import { RateLimitGuard } from '../../common/rate-limit.guard';
import { BodyLimit, SMALL_BODY_LIMIT } from '../../common/request-limits';
import { GuardianAnswerDto, GuardianConsentViewDto, GuardianRefusalDto } from './dto/guardian-link.dto';
import { GuardianLinkService } from './guardian-link.service';

const TOKEN = { name: 'token', description: 'The token of the link in the consent e-mail to the guardian' };
const ANSWER_PROBLEMS = [400, 404, 'consent-settled', 'link-used', 'link-expired', 'too-many-requests'] as const;

/** A minor's guardian consents (or not) through the link in their e-mail: no account. */
@ApiTags('guardian links')
@Public() // the link's token is the capability: guardians have no account
@Controller('guardian-links/:token')
@UseGuards(RateLimitGuard)
@BodyLimit(SMALL_BODY_LIMIT)
export class GuardianLinkController {
  constructor(private readonly links: GuardianLinkService) {}

  @Get()
  @ApiOperation({
    operationId: 'getGuardianConsent',
    summary: 'What the guardian is asked to consent to, and whether the link still works (changes nothing)',
  })
  @ApiParam(TOKEN)
  @ApiOkResponse({ type: GuardianConsentViewDto })
  @ApiProblems(404, 'too-many-requests')
  view(@Param('token') token: string): Promise<GuardianConsentViewDto> {
    return this.links.view(token);
  }

  @Post('consent')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'giveGuardianConsent',
    summary: 'The guardian consents, typing their name (recorded with the time and address; uses up the link)',
  })
  @ApiParam(TOKEN)
  @ApiOkResponse({ type: GuardianConsentViewDto })
  @ApiProblems(...ANSWER_PROBLEMS)
  consent(
    @Param('token') token: string,
    @Body() dto: GuardianAnswerDto,
    @Req() request: FastifyRequest,
  ): Promise<GuardianConsentViewDto> {
    return this.links.answer(token, 'given', dto, request.ip);
  }

  @Post('refuse')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refuseGuardianConsent',
    summary: 'The guardian does not consent (recorded; the task stays open and the school is told; uses up the link)',
  })
  @ApiParam(TOKEN)
  @ApiOkResponse({ type: GuardianConsentViewDto })
  @ApiProblems(...ANSWER_PROBLEMS)
  refuse(
    @Param('token') token: string,
    @Body() dto: GuardianRefusalDto,
    @Req() request: FastifyRequest,
  ): Promise<GuardianConsentViewDto> {
    return this.links.answer(token, 'refused', dto, request.ip);
  }
}
