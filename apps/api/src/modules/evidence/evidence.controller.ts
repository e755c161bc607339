import { Controller, Delete, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { EvidenceService } from './evidence.service';
import { contentDisposition } from './file-name';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** Multipart `file`, streamed: 201 with the new record, or 200 with the existing one when the same file is already there. */
  @Policy('create', 'Evidence')
  @Post('reports/:id/evidence')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  async upload(
    @Caller() caller: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { evidence, created } = await this.evidence.upload(caller, { kind: 'report', id }, req, res);
    res.status(created ? 201 : 200);
    return evidence;
  }

  /** The same upload for an indicator's yearly value: the same types, limits and draft-or-returned rule. */
  @Policy('create', 'Evidence')
  @Post('indicator-values/:id/evidence')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  async uploadToIndicatorValue(
    @Caller() caller: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { evidence, created } = await this.evidence.upload(caller, { kind: 'indicatorValue', id }, req, res);
    res.status(created ? 201 : 200);
    return evidence;
  }

  @Policy('read', 'Evidence')
  @Get('evidence')
  @List('evidence')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.evidence.list(caller, query);
  }

  @Policy('read', 'Evidence')
  @Get('evidence/:id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.evidence.get(caller, id);
  }

  /** The file, always as a download (never rendered by the API's origin). */
  @Policy('read', 'Evidence')
  @Get('evidence/:id/content')
  async content(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response) {
    const { evidence, stream } = await this.evidence.content(caller, id);
    res.setHeader('Content-Type', evidence.mimeType);
    res.setHeader('Content-Length', String(evidence.size));
    res.setHeader('Content-Disposition', contentDisposition(evidence.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('ETag', `"${evidence.sha256}"`);
    return new StreamableFile(stream);
  }

  /** Withdraws it (file and record stay, flagged). */
  @Policy('delete', 'Evidence')
  @Delete('evidence/:id')
  withdraw(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.evidence.withdraw(caller, id);
  }
}
