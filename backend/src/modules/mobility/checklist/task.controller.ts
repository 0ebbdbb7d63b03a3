import { Body, Controller, Get, Patch, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentIdentity, Identity } from '../../../common/identity';
import { etagOf, IfMatch, parseIfMatch, UuidParam } from '../../../common/params';
import { ApiProblems } from '../../../common/problem/api-problems';
import { ChecklistService } from './checklist.service';
import { ListTasksQuery, TaskDto, TaskPageDto, UpdatedTaskDto, UpdateTaskDto } from './dto/task.dto';

@ApiTags('tasks')
@Controller()
export class TaskController {
  constructor(private readonly checklist: ChecklistService) {}

  @Get('mobilities/:id/tasks')
  @ApiOperation({
    operationId: 'listMobilityTasks',
    summary:
      "The checklist of a mobility as the caller sees it (a mentor the host's tasks, a learner their own), ordered by phase then due date",
  })
  @ApiOkResponse({ type: [TaskDto] })
  @ApiProblems(400, 404)
  list(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<TaskDto[]> {
    return this.checklist.list(identity, id);
  }

  @Get('tasks')
  @ApiOperation({
    operationId: 'listMyTasks',
    summary:
      "Your tasks across your mobilities, by due date (a mentor the host's, a learner their own); status=open leaves out closed mobilities",
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiProblems(400)
  listMine(@CurrentIdentity() identity: Identity, @Query() query: ListTasksQuery): Promise<TaskPageDto> {
    return this.checklist.listMine(identity, query);
  }

  @Patch('tasks/:id')
  @ApiOperation({ operationId: 'updateTask', summary: 'Tick, untick or waive (with a reason) a task' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the mobility the task belongs to' })
  @ApiOkResponse({ type: UpdatedTaskDto })
  @ApiProblems(
    400,
    'role-not-allowed',
    404,
    'checklist-closed',
    'host-confirmation-by-event',
    'consent-by-guardian',
    'stale-version',
  )
  async update(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: UpdateTaskDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UpdatedTaskDto> {
    const task = await this.checklist.update(identity, id, dto, parseIfMatch(ifMatch));
    void reply.header('ETag', etagOf(task.mobilityVersion));
    return task;
  }
}
