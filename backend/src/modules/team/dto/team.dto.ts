import { MEMBER_ROLES, MemberRole } from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQuery } from '../../../common/pagination';
import { Trim } from '../../../common/validators';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password';

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES, { message: `role must be one of ${MEMBER_ROLES.join(', ')}` })
  role: MemberRole;
}

export class CreateInvitationDto {
  @ApiProperty({ example: 'colleague@school.example' })
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @ApiProperty({ enum: MEMBER_ROLES, description: 'Into a partner (host company) you registered: mentor only' })
  @IsIn(MEMBER_ROLES, { message: `role must be one of ${MEMBER_ROLES.join(', ')}` })
  role: MemberRole;

  @ApiPropertyOptional({
    example: 'Ana García',
    description: 'How the e-mail greets them (they choose their own name on accepting)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 120)
  name?: string;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

/** What the page of an invitation link shows before anything is accepted. */
export class InvitationViewDto {
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ description: 'The invited address, partly hidden' }) email: string;
  @ApiProperty({
    description: 'The address already has an account: accepting adds the organisation to it (no new password)',
  })
  accountExists: boolean;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class AcceptInvitationDto {
  @ApiPropertyOptional({ example: 'Ana García', description: 'Required for a new account' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @ApiPropertyOptional({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: 'Required for a new account',
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class ListAuditQuery extends PageQuery {}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: 'sign-in',
    description:
      'sign-in, sign-in-failed, sign-in-locked, sign-out, password-changed, role-changed, member-removed, invitation-sent, invitation-revoked, invitation-accepted, link-requested, link-used',
  })
  kind: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Whose account it concerns' }) userEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) userName: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What happened (never a password or a token)',
  })
  detail: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'The client address' }) ip: string | null;
}

export class AuditPageDto extends PageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
}
