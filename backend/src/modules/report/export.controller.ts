import { Body, Controller, Get, HttpCode, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CONTENT_TYPES } from '@mobility-hub/domain';
import type { FastifyReply } from 'fastify';
import { CurrentIdentity, Identity } from '../../common/identity';
import { UuidParam } from '../../common/params';
import { ApiProblems } from '../../common/problem/api-problems';
import { contentDisposition } from './content-disposition';
import { CreateExportDto, ExportDto } from './dto/report.dto';
import { ExportService } from './export.service';

@ApiTags('reports')
@Controller()
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Post('projects/:id/exports')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'createExport',
    summary:
      "Export the project's final report (xlsx, csv, pdf) or its BM mobility file (xlsx, csv) as a worker job: answers at once with the export and its Location; coordinators and staff of the beneficiary",
  })
  @ApiAcceptedResponse({ type: ExportDto, headers: { Location: { description: '/api/exports/{id}' } } })
  @ApiProblems(400, 404)
  async create(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Body() dto: CreateExportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExportDto> {
    const created = await this.exports.create(identity, id, dto);
    reply.header('Location', `/api/exports/${created.id}`);
    return created;
  }

  @Get('projects/:id/exports')
  @ApiOperation({ operationId: 'listExports', summary: "The project's recent exports, newest first" })
  @ApiOkResponse({ type: [ExportDto] })
  @ApiProblems(400, 404)
  list(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<ExportDto[]> {
    return this.exports.list(identity, id);
  }

  @Get('exports/:id')
  @ApiOperation({ operationId: 'getExport', summary: "An export's state and progress" })
  @ApiOkResponse({ type: ExportDto })
  @ApiProblems(400, 404)
  get(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<ExportDto> {
    return this.exports.get(identity, id);
  }

  @Get('exports/:id/file')
  @ApiOperation({
    operationId: 'downloadExport',
    summary: "The export's file, with its Content-Type and a file name (`<project-reference>-<kind>-<date>.<format>`)",
  })
  @ApiProduces(CONTENT_TYPES.xlsx, CONTENT_TYPES.csv, CONTENT_TYPES.pdf)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 404, 'export-not-ready', 'export-expired')
  async file(
    @CurrentIdentity() identity: Identity,
    @UuidParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.exports.file(identity, id);
    reply.header('Content-Disposition', contentDisposition(file.fileName));
    reply.header('Cache-Control', 'private, no-store');
    return new StreamableFile(file.content, { type: file.contentType, length: file.content.length });
  }
}
