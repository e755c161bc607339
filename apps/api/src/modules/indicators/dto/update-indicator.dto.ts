import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { VersionedUpdateDto } from '../../../core/http/record';

/** The office changes who reports an indicator; the figures themselves come from the plan document. */
export class UpdateIndicatorDto extends VersionedUpdateDto {
  @ApiProperty({ description: '负责报送该指标年度数值的单位' })
  @IsUUID()
  responsibleOrgUnitId!: string;
}
