import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { CalendarYearMissingError } from '@duban/domain';

const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** Turns every failure into `{statusCode, message, error}` (CONTRACT.md "Errors"). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const { status, message, extra } = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(status).json({ ...extra, statusCode: status, message, error: ERROR_NAMES[status] ?? HttpStatus[status] ?? 'Error' });
  }

  private describe(exception: unknown): { status: number; message: string | string[]; extra?: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      if (typeof body === 'string') return { status: exception.getStatus(), message: body };
      // Extra fields a service adds to its error (e.g. the parser's `problems`) reach the client too.
      const { message, statusCode: _s, error: _e, ...extra } = body as { message?: string | string[]; statusCode?: number; error?: string };
      return { status: exception.getStatus(), message: message ?? exception.message, extra };
    }
    // A working-day computation reached a year the calendar does not have: the admin must add it first.
    if (exception instanceof CalendarYearMissingError) return { status: 409, message: exception.message };
    // body-parser / raw-body errors carry their own status (malformed JSON 400, too large 413, bad charset 415).
    const e = exception as { status?: number; type?: string; message?: string };
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      const messages: Record<string, string> = {
        'entity.too.large': '请求体过大',
        'entity.parse.failed': '请求体不是合法的 JSON',
        'charset.unsupported': '不支持的字符集',
        'encoding.unsupported': '不支持的内容编码',
      };
      return { status: e.status, message: messages[e.type ?? ''] ?? e.message ?? '请求无效' };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { code?: string }).code;
      // Constraint violations that slipped past the services' own checks are still the client's conflict, not a 5xx.
      if (code === '23505') return { status: 409, message: '与已有记录重复' };
      if (code === '23503') return { status: 409, message: '仍有其他记录引用它，或它引用的记录不存在' };
      if (code === '23514' || code === '22P02' || code === '22007' || code === '22008' || code === '22003') {
        return { status: 400, message: '字段取值无效' };
      }
      if (code === '40001' || code === '40P01') return { status: 409, message: '并发冲突，请重试' };
    }
    return { status: 500, message: '服务器内部错误' };
  }
}
