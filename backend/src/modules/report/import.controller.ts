import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CONTENT_TYPES } from '@mobility-hub/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentIdentity, Identity } from '../../common/identity';
import { UuidParam } from '../../common/params';
import { ApiProblems } from '../../common/problem/api-problems';
import { contentDisposition } from './content-disposition';
import { ImportDto, ImportQuery, ImportTemplateQuery } from './dto/report.dto';
import { ImportService } from './import.service';
import { AcceptsUpload, readUploadedFile } from '../../common/uploads';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

@ApiTags('reports')
@Controller()
export class ImportController {
  constructor(
    private readonly imports: ImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('projects/:id/imports')
  @HttpCode(202)
  @AcceptsUpload()
  @ApiOperation({
    operationId: 'createImport',
    summary:
      'Import participants and mobilities from a CSV or XLSX file (multipart field `file`) as a worker job: dryRun=true (default) checks every row and writes nothing; dryRun=false creates them all in one transaction, or nothing when any row is invalid. Answers at once with the import and its Location',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiAcceptedResponse({ type: ImportDto, headers: { Location: { description: '/api/imports/{id}' } } })
  @ApiProblems(400, 404, 'import-file-rejected')
  async create(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportDto> {
    const created = await this.imports.upload(identity, id, query.dryRun ?? true, () =>
      readUploadedFile(request, 'file', this.config.reports.importMaxBytes),
    );
    reply.header('Location', `/api/imports/${created.id}`);
    return created;
  }

  @Get('imports/:id')
  @ApiOperation({ operationId: 'getImport', summary: "An import's state, progress and row report" })
  @ApiOkResponse({ type: ImportDto })
  @ApiProblems(400, 404)
  get(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<ImportDto> {
    return this.imports.get(identity, id);
  }

  @Get('projects/:id/imports/template')
  @ApiOperation({
    operationId: 'downloadImportTemplate',
    summary: 'An empty import file with the columns of the BM export (xlsx or csv)',
  })
  @ApiProduces(CONTENT_TYPES.xlsx, CONTENT_TYPES.csv)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 404)
  async template(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Query() query: ImportTemplateQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.imports.template(identity, id, query.format ?? 'xlsx');
    reply.header('Content-Disposition', contentDisposition(file.fileName));
    return new StreamableFile(file.content, { type: file.contentType, length: file.content.length });
  }
}
