import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity } from '../../common/identity';
import { UuidParam } from '../../common/params';
import { ApiProblems } from '../../common/problem/api-problems';
import { ListSavedFiltersQuery, SavedFilterDto, SaveFilterDto } from './dto/saved-filter.dto';
import { SavedFilterService } from './saved-filter.service';

@ApiTags('saved-filters')
@Controller('saved-filters')
export class SavedFilterController {
  constructor(private readonly filters: SavedFilterService) {}

  @Get()
  @ApiOperation({ operationId: 'listSavedFilters', summary: 'Your saved filters of one list' })
  @ApiOkResponse({ type: [SavedFilterDto] })
  @ApiProblems(400)
  list(@CurrentIdentity() identity: Identity, @Query() query: ListSavedFiltersQuery): Promise<SavedFilterDto[]> {
    return this.filters.list(identity, query);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'saveFilter',
    summary: 'Save a filter of a list under a name (the same name replaces it)',
  })
  @ApiCreatedResponse({ type: SavedFilterDto })
  @ApiProblems(400)
  save(@CurrentIdentity() identity: Identity, @Body() dto: SaveFilterDto): Promise<SavedFilterDto> {
    return this.filters.save(identity, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteSavedFilter', summary: 'Delete one of your saved filters' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  async remove(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<void> {
    await this.filters.remove(identity, id);
  }
}
