import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsDateOnly } from '../../../core/http/date-only';

export class EvaluationQueryDto {
  @ApiProperty({ example: '2023-06-30', description: '考核截止日期：中期评估 2023-06-30，终期考核 2025-12-31' })
  @IsDateOnly()
  asOf!: string;
}

export class DrillDownQueryDto extends EvaluationQueryDto {
  @ApiProperty({ description: '单位' })
  @IsUUID()
  orgUnitId!: string;
}
