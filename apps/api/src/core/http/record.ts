import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { LocalizedException, type RecordName } from './messages';

/**
 * What every PUT body carries besides its own fields: the version it read (a stale one is a 409).
 * react-admin sends the whole record back, so the read-only fields are accepted and ignored.
 */
export class VersionedUpdateDto {
  @ApiProperty({ description: 'the version the client read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsDateString()
  createdAt?: string;

  @ApiPropertyOptional({ readOnly: true })
  @IsOptional()
  @IsDateString()
  updatedAt?: string;
}

export function assertVersion(current: { version: number }, expected: number): void {
  if (current.version !== expected) {
    throw new LocalizedException(409, [{ key: 'record.stale', params: { current: current.version, expected } }]);
  }
}

export function found<T>(row: T | null | undefined, what: RecordName): T {
  if (!row) throw new LocalizedException(404, [{ key: 'record.notFound', params: { record: what } }]);
  return row;
}
