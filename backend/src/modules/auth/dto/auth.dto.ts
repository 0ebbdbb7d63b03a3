import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password';

export const ROLES = ['coordinator', 'staff', 'mentor'] as const;
export type Role = (typeof ROLES)[number];

export class SignInDto {
  @ApiProperty({ example: 'coordinator@school.example' })
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [MembershipDto], description: 'The organisations this user works for, with the role in each' })
  memberships: MembershipDto[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'The person records linked to this account (named `participant` in a mobility): one per school that named them by this address, each with all their mobilities at that school (empty for someone who is no learner)',
  })
  participantIds: string[];
}

/** The app's own "who am I" check: an answer, signed in or not (no 401 for the expected case). */
export class SessionDto {
  @ApiProperty({ description: 'Whether the request carries a valid session cookie' }) signedIn: boolean;
  @ApiProperty({ type: MeDto, nullable: true, description: 'The signed-in user (as GET /api/auth/me), or null' })
  user: MeDto | null;
}

export class EmailDto {
  @ApiProperty({ example: 'learner@school.example' })
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;
}

export class NewPasswordDto {
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class ChangePasswordDto extends NewPasswordDto {
  @ApiProperty({ format: 'password', description: 'The password in use now' })
  @IsString()
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;
}

export class RequestAcceptedDto {
  @ApiProperty({ description: 'Always the same answer, whether or not the address has an account' }) message: string;
}
