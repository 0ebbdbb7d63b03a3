import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { MEMBER_ROLES, MemberRole } from '@mobility-hub/domain';
import { PageDto, PageQuery } from '../../../common/pagination';
import { Trim } from '../../../common/validators';
import { ORGANISATION_KINDS, OrganisationKind } from '../organisation.entity';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Berufskolleg Rhein-Ruhr', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2 country code' })
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as DE or ES' })
  country: string;

  @ApiProperty({ example: 'Essen', maxLength: 120 })
  @Trim()
  @IsString()
  @Length(1, 120)
  city: string;

  @ApiPropertyOptional({ example: 'E10012345', description: 'Erasmus+ Organisation ID (E followed by 8 digits)' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(/^E\d{8}$/, { message: 'oid must be E followed by 8 digits' })
  oid?: string;

  @ApiPropertyOptional({ example: 'mobility@school.example', description: 'Contact e-mail of the organisation' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA time zone; defaults from the country' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Your organisation registering this partner; needed only if you work for several',
  })
  @IsOptional()
  @IsUUID('all', { message: 'registeredByOrganisationId must be a UUID' })
  registeredByOrganisationId?: string;
}

export class ListOrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'ES' })
  @IsOptional()
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ description: 'Search in name and city' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ example: 'DE' }) country: string;
  @ApiProperty() city: string;
  @ApiProperty({ type: String, nullable: true }) oid: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The organisation that registered this one as its partner',
  })
  registeredByOrganisationId: string | null;
  @ApiProperty({
    enum: MEMBER_ROLES,
    nullable: true,
    description: 'Your role in this organisation; null for a partner you registered',
  })
  yourRole: MemberRole | null;
}

export class OrganisationPageDto extends PageDto {
  @ApiProperty({ type: [OrganisationDto] })
  items: OrganisationDto[];
}

export class CityQuery {
  @ApiProperty({ example: 'CZ', description: 'ISO 3166-1 alpha-2 country code' })
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as CZ' })
  country: string;
}

export class CityListDto {
  @ApiProperty({
    type: [String],
    description: 'Cities of the organisations you see in that country, by name (suggestions, not a gazetteer)',
  })
  cities: string[];
}
