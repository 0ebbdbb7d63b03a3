import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../common/params';
import { CurrentIdentity, Identity } from '../../common/identity';
import { ApiProblems } from '../../common/problem/api-problems';
import { CreateProjectDto, ListProjectsQuery, ProjectDto, ProjectPageDto } from './dto/project.dto';
import { ProjectService } from './project.service';

@ApiTags('projects')
@Controller('projects')
export class ProjectController {
  constructor(private readonly projects: ProjectService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createProject',
    summary: 'Create a KA121-VET or KA122-VET project (one grant agreement)',
  })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'duplicate-reference', 422)
  create(@CurrentIdentity() identity: Identity, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(identity, dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listProjects', summary: "Your organisations' projects with mobility counts per phase" })
  @ApiOkResponse({ type: ProjectPageDto })
  @ApiProblems(400)
  list(@CurrentIdentity() identity: Identity, @Query() query: ListProjectsQuery): Promise<ProjectPageDto> {
    return this.projects.list(identity, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getProject', summary: 'One project with mobility counts per phase' })
  @ApiOkResponse({ type: ProjectDto })
  @ApiProblems(400, 404)
  get(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<ProjectDto> {
    return this.projects.get(identity, id);
  }
}
