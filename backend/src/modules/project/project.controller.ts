import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../common/params';
import { CurrentIdentity, Identity } from '../../common/identity';
import { ApiProblems } from '../../common/problem/api-problems';
import { CreateProjectDto, ListProjectsQuery, ProjectDto, ProjectPageDto } from './dto/project.dto';
import { ProjectService } from './project.service';
import { ProjectTasksService } from './project-tasks.service';
import {
  ProjectEventRequestDto,
  ProjectHistoryEntryDto,
  ProjectTaskDto,
  UpdateProjectDto,
  UpdateProjectTaskDto,
} from './dto/project-lifecycle.dto';

@ApiTags('projects')
@Controller('projects')
export class ProjectController {
  constructor(
    private readonly projects: ProjectService,
    private readonly tasks: ProjectTasksService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createProject',
    summary:
      'Create a KA121-VET or KA122-VET project (one grant agreement) with its dated finalisation tasks; `warnings` names programme limits the coordinator should know (KA122: 3 grants in 5 call years)',
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

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateProject',
    summary:
      "Set or clear the interim report's due date (KA121-VET, when the grant agreement asks for one); coordinators",
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'project-tasks-closed', 422)
  update(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.update(identity, id, dto);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordProjectEvent',
    summary:
      "Record the final report's submission in the BM, the NA's final decision, or a report the NA returned; coordinators of the beneficiary",
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'project-event-refused', 422)
  recordEvent(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: ProjectEventRequestDto,
  ): Promise<ProjectDto> {
    return this.projects.recordEvent(identity, id, dto);
  }

  @Get(':id/tasks')
  @ApiOperation({ operationId: 'listProjectTasks', summary: "The project's own tasks and deadlines, by due date" })
  @ApiOkResponse({ type: [ProjectTaskDto] })
  @ApiProblems(400, 404)
  listTasks(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<ProjectTaskDto[]> {
    return this.tasks.list(identity, id);
  }

  @Patch(':id/tasks/:taskId')
  @ApiOperation({
    operationId: 'updateProjectTask',
    summary: 'Tick, untick or waive (with a reason) a project task; coordinators of the beneficiary',
  })
  @ApiOkResponse({ type: ProjectTaskDto })
  @ApiProblems(400, 'role-not-allowed', 404, 'project-tasks-closed', 'project-task-by-event')
  updateTask(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @UuidParam('taskId') taskId: string,
    @Body() dto: UpdateProjectTaskDto,
  ): Promise<ProjectTaskDto> {
    return this.tasks.updateTask(identity, id, taskId, dto);
  }

  @Get(':id/history')
  @ApiOperation({ operationId: 'listProjectHistory', summary: "The project's history: who recorded what, and when" })
  @ApiOkResponse({ type: [ProjectHistoryEntryDto] })
  @ApiProblems(400, 404)
  history(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<ProjectHistoryEntryDto[]> {
    return this.tasks.history(identity, id);
  }
}
