import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@duban/domain';
import { VersionedUpdateDto } from '../../http/record';

const USERNAME = /^[\p{L}\p{N}_.@-]{2,50}$/u;

export class CreateUserDto {
  @ApiProperty({ example: 'forestry-liaison' })
  @Matches(USERNAME)
  username!: string;

  @ApiProperty({ example: '林业局联络员' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ nullable: true, description: 'required for leader, liaison and office; none for admin' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  orgUnitId?: string | null;

  @ApiProperty({ writeOnly: true, minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsEmail()
  email?: string | null;
}

/** Every field of CreateUserDto, optional, plus the version read (and the read-only fields react-admin sends back). */
export class UpdateUserDto extends IntersectionType(PartialType(CreateUserDto), VersionedUpdateDto) {}
