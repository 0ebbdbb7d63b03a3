import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity } from '../../common/identity';
import { ApiProblems } from '../../common/problem/api-problems';
import { BodyLimit, SMALL_BODY_LIMIT } from '../../common/request-limits';
import {
  HostAnswerDto,
  HostAnswerNoticesQuery,
  MarkHostAnswersSeenDto,
  RecentHostAnswersDto,
} from './dto/host-answer.dto';
import { HostAnswerService } from './host-answer.service';

/** Hosts' answers to placement requests, as the school's people see them (sending side only). */
@ApiTags('host answers')
@BodyLimit(SMALL_BODY_LIMIT)
@Controller('host-answers')
export class HostAnswerController {
  constructor(private readonly answers: HostAnswerService) {}

  @Get('notices')
  @ApiOperation({
    operationId: 'listHostAnswerNotices',
    summary:
      'The host answers that still describe their mobilities (a decline with no host chosen since, a confirmation by the current host), for the board and the file',
  })
  @ApiOkResponse({ type: [HostAnswerDto] })
  @ApiProblems(400)
  notices(@CurrentIdentity() identity: Identity, @Query() query: HostAnswerNoticesQuery): Promise<HostAnswerDto[]> {
    return this.answers.notices(identity, query);
  }

  @Get('recent')
  @ApiOperation({
    operationId: 'listRecentHostAnswers',
    summary: 'Host answers since the signed-in person last marked them seen (the last 30 days at first), newest first',
  })
  @ApiOkResponse({ type: RecentHostAnswersDto })
  recent(@CurrentIdentity() identity: Identity): Promise<RecentHostAnswersDto> {
    return this.answers.recent(identity);
  }

  @Put('seen')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'markHostAnswersSeen',
    summary: 'The signed-in person has seen the host answers up to an instant (it only moves forward)',
  })
  @ApiNoContentResponse()
  @ApiProblems(400)
  markSeen(@CurrentIdentity() identity: Identity, @Body() body: MarkHostAnswersSeenDto): Promise<void> {
    return this.answers.markSeen(identity, body.upTo);
  }
}
