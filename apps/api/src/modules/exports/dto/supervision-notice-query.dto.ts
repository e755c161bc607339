import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SupervisionNoticeQuery {
  @ApiProperty({ description: 'the notice (escalation) id' })
  @IsUUID('all')
  id!: string;
}
