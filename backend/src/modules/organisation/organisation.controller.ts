import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/problem/api-problems';
import { UuidParam } from '../../common/params';
import { CurrentIdentity, Identity } from '../../common/identity';
import {
  CityListDto,
  CityQuery,
  CreateOrganisationDto,
  ListOrganisationsQuery,
  OrganisationDto,
  OrganisationPageDto,
} from './dto/organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createOrganisation',
    summary: 'Register a partner organisation (host company, school, intermediary) of your organisation',
  })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'duplicate-oid')
  create(@CurrentIdentity() identity: Identity, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(identity, dto);
  }

  @Get()
  @ApiOperation({
    operationId: 'listOrganisations',
    summary: 'Your organisations and their registered partners, filtered by country, kind and free text',
  })
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiProblems(400)
  list(@CurrentIdentity() identity: Identity, @Query() query: ListOrganisationsQuery): Promise<OrganisationPageDto> {
    return this.organisations.list(identity, query);
  }

  @Get('cities')
  @ApiOperation({
    operationId: 'listOrganisationCities',
    summary: 'Cities known in a country (from the organisations you see), to suggest when registering one',
  })
  @ApiOkResponse({ type: CityListDto })
  @ApiProblems(400)
  cities(@CurrentIdentity() identity: Identity, @Query() query: CityQuery): Promise<CityListDto> {
    return this.organisations.cities(identity, query.country);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getOrganisation', summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems(400, 404)
  get(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<OrganisationDto> {
    return this.organisations.get(identity, id);
  }
}
