import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

const LIST_RESOURCE = 'duban:list-resource';

/** What a list handler returns: the page, the true total and the page's first index. */
export interface ListPage<T> {
  rows: T[];
  total: number;
  start: number;
}

/**
 * The one writer of react-admin's `Content-Range: <resource> <start>-<end>/<total>` header: a handler marked
 * `@List('reports')` returns `{rows, total, start}`; the client receives the rows, with the header.
 */
@Injectable()
export class ContentRangeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const resource = this.reflector.get<string>(LIST_RESOURCE, context.getHandler());
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((page: ListPage<unknown>) => {
        const { rows, total, start } = page;
        const end = rows.length === 0 ? start : start + rows.length - 1;
        res.setHeader('Content-Range', `${resource} ${start}-${end}/${total}`);
        return rows;
      }),
    );
  }
}

/** Marks a list handler: its `{rows, total, start}` becomes the rows and the `Content-Range` header. */
export function List(resource: string): MethodDecorator {
  return applyDecorators(SetMetadata(LIST_RESOURCE, resource), UseInterceptors(ContentRangeInterceptor));
}
