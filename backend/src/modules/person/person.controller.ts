import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity } from '../../common/identity';
import { UuidParam } from '../../common/params';
import { ApiProblems } from '../../common/problem/api-problems';
import { ListPersonsQuery, PersonDto, PersonPageDto } from './dto/person.dto';
import { PersonService } from './person.service';

@ApiTags('persons')
@Controller('persons')
export class PersonController {
  constructor(private readonly persons: PersonService) {}

  @Get()
  @ApiOperation({
    operationId: 'listPersons',
    summary:
      "Your schools' people (learners and staff they sent or send), by address or name: who a new mobility may be for",
  })
  @ApiOkResponse({ type: PersonPageDto })
  @ApiProblems(400)
  list(@CurrentIdentity() identity: Identity, @Query() query: ListPersonsQuery): Promise<PersonPageDto> {
    return this.persons.list(identity, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getPerson', summary: 'One person of your school with all their mobilities there' })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(400, 404)
  get(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<PersonDto> {
    return this.persons.get(identity, id);
  }
}
