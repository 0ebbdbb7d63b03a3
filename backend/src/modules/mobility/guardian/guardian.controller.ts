import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity } from '../../../common/identity';
import { IfMatch, parseIfMatch, UuidParam } from '../../../common/params';
import { ApiProblems } from '../../../common/problem/api-problems';
import { AccompanyingService } from './accompanying.service';
import {
  AccompanyingPersonsDto,
  AddAccompanyingPersonDto,
  GuardianFileDto,
  GuardianInputDto,
  ResentLinkDto,
} from './dto/guardian.dto';
import { GuardianService } from './guardian.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag of the mobility as last read' };

/** A minor's guardian and consent, and the staff who accompany: parts of the mobility file. */
@ApiTags('mobilities')
@Controller('mobilities/:id')
export class GuardianController {
  constructor(
    private readonly guardians: GuardianService,
    private readonly accompanying: AccompanyingService,
  ) {}

  @Get('guardian')
  @ApiOperation({
    operationId: 'getMobilityGuardian',
    summary: 'Age on the first day abroad, the guardian and where their consent stands (not for the host)',
  })
  @ApiOkResponse({ type: GuardianFileDto })
  @ApiProblems(400, 'role-not-allowed', 404)
  get(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<GuardianFileDto> {
    return this.guardians.get(identity, id);
  }

  @Put('guardian')
  @ApiOperation({
    operationId: 'putMobilityGuardian',
    summary: 'Name or change the guardian (sending side); a new address gets a new consent link while consent is open',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: GuardianFileDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'mobility-closed', 'stale-version', 422)
  put(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: GuardianInputDto,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<GuardianFileDto> {
    return this.guardians.update(identity, id, dto, parseIfMatch(ifMatch));
  }

  @Post('guardian/consent-link')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resendGuardianConsentLink',
    summary: 'E-mail the guardian a new consent link (earlier links stop working)',
  })
  @ApiOkResponse({ type: ResentLinkDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'consent-settled', 422)
  resend(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<ResentLinkDto> {
    return this.guardians.resend(identity, id);
  }

  @Get('accompanying-persons')
  @ApiOperation({
    operationId: 'listAccompanyingPersons',
    summary: 'The staff members accompanying the participant, and (sending side) who may be added',
  })
  @ApiOkResponse({ type: AccompanyingPersonsDto })
  @ApiProblems(400, 404)
  list(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<AccompanyingPersonsDto> {
    return this.accompanying.list(identity, id);
  }

  @Post('accompanying-persons')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'addAccompanyingPerson',
    summary: 'Name a staff member of the sending school who accompanies, with dates within the stay',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AccompanyingPersonsDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'mobility-closed', 'stale-version', 422)
  add(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: AddAccompanyingPersonDto,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<AccompanyingPersonsDto> {
    return this.accompanying.add(identity, id, dto, parseIfMatch(ifMatch));
  }

  @Delete('accompanying-persons/:personId')
  @ApiOperation({ operationId: 'removeAccompanyingPerson', summary: 'Remove an accompanying person' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AccompanyingPersonsDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'mobility-closed', 'stale-version')
  remove(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @UuidParam('personId') personId: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<AccompanyingPersonsDto> {
    return this.accompanying.remove(identity, id, personId, parseIfMatch(ifMatch));
  }
}
