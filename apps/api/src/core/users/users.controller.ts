import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { Caller, Policy } from '../auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../http/list-query';
import { List } from '../http/list.decorator';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Policy('read', 'User')
  @Get()
  @List('users')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.users.list(caller, query);
  }

  @Policy('read', 'User')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.users.get(caller, id);
  }

  @Policy('create', 'User')
  @Post()
  create(@Caller() caller: AuthUser, @Body() dto: CreateUserDto) {
    return this.users.create(caller, dto);
  }

  @Policy('update', 'User')
  @Put(':id')
  update(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(caller, id, dto);
  }

  /** Disables the user (kept: the audit chain names them). */
  @Policy('delete', 'User')
  @Delete(':id')
  remove(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.users.disable(caller, id);
  }
}
