import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ConflictException, NotFoundException } from '@nestjs/common';
import { IsDateString, IsInt, IsOptional, IsUUID, Min } from 'class-validator';

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
    throw new ConflictException(`记录已被修改（当前版本 ${current.version}，提交的版本 ${expected}），请刷新后重试`);
  }
}

export function found<T>(row: T | null | undefined, what: string): T {
  if (!row) throw new NotFoundException(`${what}不存在或无权查看`);
  return row;
}
