import { Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { memoryStorage } from 'multer';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { ImportPlanTextDto, PublishPlanDto } from './dto/import-plan.dto';
import { PLAN_FILE_MAX_BYTES, PlanImportService } from './plan-import.service';
import { PlansService } from './plans.service';
import { refuse } from '../../core/http/messages';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly importer: PlanImportService,
  ) {}

  @Policy('read', 'Plan')
  @Get()
  @List('plans')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.plans.list(caller, query);
  }

  @Policy('read', 'Plan')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.plans.get(caller, id);
  }

  /** A plan document (.txt in UTF-8 or GB18030, or .docx) as multipart `file`, or `{text}`: a draft plan and what changed. */
  @Policy('import', 'Plan')
  @Post('import')
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, text: { type: 'string' } } } })
  @UseInterceptors(FileInterceptor('file', { storage: memoryStorage(), limits: { fileSize: PLAN_FILE_MAX_BYTES, files: 1 } }))
  async import(@Caller() caller: AuthUser, @Body() dto: ImportPlanTextDto, @UploadedFile() file?: Express.Multer.File) {
    if (file && dto.text !== undefined) throw refuse(400, 'plans.fileAndText');
    if (!file && dto.text === undefined) throw refuse(400, 'plans.fileOrText');
    const { text, encoding } = file ? await this.importer.decode(file.buffer, file.originalname) : { text: dto.text!, encoding: 'utf-8' };
    return this.importer.importText(caller, text, encoding);
  }

  @Policy('publish', 'Plan')
  @Post(':id/publish')
  @HttpCode(200)
  publish(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: PublishPlanDto) {
    return this.plans.publish(caller, id, dto.version);
  }
}
