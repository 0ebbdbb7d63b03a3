import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/problem/api-problems';
import { UuidParam } from '../../common/params';
import { CreateOrganisationDto, ListOrganisationsQuery, OrganisationDto, OrganisationPageDto } from './dto/organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createOrganisation', summary: 'Register an organisation (sending, host, intermediary…)' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listOrganisations', summary: 'List organisations, filtered by country, kind and free text' })
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiProblems(400)
  list(@Query() query: ListOrganisationsQuery): Promise<OrganisationPageDto> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getOrganisation', summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems(400, 404)
  get(@UuidParam() id: string): Promise<OrganisationDto> {
    return this.organisations.get(id);
  }
}
