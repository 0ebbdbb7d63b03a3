import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentIdentity, Identity } from '../../common/identity';
import { UuidParam } from '../../common/params';
import { ApiProblems } from '../../common/problem/api-problems';
import {
  AuditPageDto,
  ChangeRoleDto,
  CreateInvitationDto,
  InvitationDto,
  ListAuditQuery,
  MemberDto,
} from './dto/team.dto';
import { TeamService } from './team.service';

/** An organisation's people, invitations and audit log: for its coordinators. */
@ApiTags('team')
@Controller('organisations/:id')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Get('members')
  @ApiOperation({ operationId: 'listMembers', summary: 'The people of an organisation and their roles' })
  @ApiOkResponse({ type: [MemberDto] })
  @ApiProblems(400, 403, 404)
  members(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<MemberDto[]> {
    return this.team.members(identity, id);
  }

  @Patch('members/:userId')
  @ApiOperation({
    operationId: 'changeMemberRole',
    summary: 'Give a member another role (the last coordinator keeps theirs)',
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'last-coordinator', 422)
  changeRole(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @UuidParam('userId') userId: string,
    @Body() dto: ChangeRoleDto,
    @Req() request: FastifyRequest,
  ): Promise<MemberDto> {
    return this.team.changeRole(identity, id, userId, dto, request.ip);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'removeMember',
    summary: 'End a membership: the person loses access to the organisation at once',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 'role-not-allowed', 404, 'last-coordinator')
  removeMember(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @UuidParam('userId') userId: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.team.removeMember(identity, id, userId, request.ip);
  }

  @Get('invitations')
  @ApiOperation({
    operationId: 'listInvitations',
    summary: 'Invitations sent and not yet accepted, revoked or expired',
  })
  @ApiOkResponse({ type: [InvitationDto] })
  @ApiProblems(400, 403, 404)
  invitations(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<InvitationDto[]> {
    return this.team.invitations(identity, id);
  }

  @Post('invitations')
  @HttpCode(201)
  @ApiOperation({ operationId: 'invite', summary: 'E-mail an invitation to join with a role (one use, 7 days)' })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'already-member', 422)
  invite(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: CreateInvitationDto,
    @Req() request: FastifyRequest,
  ): Promise<InvitationDto> {
    return this.team.invite(identity, id, dto, request.ip);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeInvitation', summary: 'Withdraw an invitation: its link stops working' })
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404)
  revoke(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @UuidParam('invitationId') invitationId: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.team.revokeInvitation(identity, id, invitationId, request.ip);
  }

  @Get('audit')
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Security events of the organisation (sign-ins, failures, role changes, invitations, links), newest first',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400, 403, 404)
  audit(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Query() query: ListAuditQuery,
  ): Promise<AuditPageDto> {
    return this.team.auditLog(identity, id, query);
  }
}
