import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, NotFoundException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { CalendarYearMissingError, type Language } from '@duban/domain';
import { LocalizedException, render, requestLanguage, type Message, type MessageKey } from './messages';

const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

/** PostgreSQL's "this value is not acceptable" error codes, in words. */
const INVALID_VALUE: Record<string, MessageKey> = {
  '22003': 'db.numberRange',
  '22007': 'db.dateRange',
  '22008': 'db.dateRange',
  '22001': 'db.tooLong',
  '22P02': 'db.syntax',
  '22021': 'db.encoding',
  '22P05': 'db.encoding',
  '54000': 'db.tooLarge',
};

type Described = { status: number; message: string; extra?: Record<string, unknown> };

/**
 * Turns every failure into `{statusCode, message, error}` (CONTRACT.md "Errors"), with the message in the language the
 * request asks for (`Accept-Language: en`, else Chinese). The one place where catalogue messages become text.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const req = http.getRequest<Request | undefined>();
    const lang: Language = typeof req?.acceptsLanguages === 'function' ? requestLanguage(req.acceptsLanguages.bind(req)) : 'zh';
    const { status, message, extra } = this.describe(exception, lang);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(status).json({ ...extra, statusCode: status, message, error: ERROR_NAMES[status] ?? HttpStatus[status] ?? 'Error' });
  }

  private describe(exception: unknown, lang: Language): Described {
    const say = (status: number, ...messages: Message[]): Described => ({ status, message: joined(messages, lang) });
    if (exception instanceof LocalizedException) return { ...say(exception.getStatus(), ...exception.messages), extra: exception.extra };
    if (exception instanceof NotFoundException) {
      // Nest's answer for a path no controller serves: "Cannot GET /api/x".
      const route = /^Cannot (\S+) (.*)$/s.exec(exception.message);
      if (route) return say(404, { key: 'route.notFound', params: { method: route[1], path: route[2].slice(0, 200) } });
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      if (typeof body === 'string') return { status: exception.getStatus(), message: body };
      // Extra fields a service adds to its error (e.g. the parser's `problems`) reach the client too.
      const { message, statusCode: _s, error: _e, ...extra } = body as { message?: string | string[]; statusCode?: number; error?: string };
      return { status: exception.getStatus(), message: [message ?? exception.message].flat().join('；'), extra };
    }
    // A working-day computation reached a year the calendar does not have: the admin must add it first.
    if (exception instanceof CalendarYearMissingError) return { status: 409, message: exception.message };
    if (exception instanceof QueryFailedError) {
      const driver = exception.driverError as { code?: string; column?: string; table?: string; constraint?: string };
      const code = driver.code ?? '';
      // Constraint violations that slipped past the services' own checks are still the client's conflict, not a 5xx.
      if (code === '23505') return say(409, { key: 'db.duplicate' });
      if (code === '23503') return say(409, { key: 'db.reference' });
      if (code === '23502' && driver.column) return say(400, { key: 'db.required', params: { field: camel(driver.column) } });
      if (code === '23514') {
        // A column's own CHECK is named <table>_<column>_check; a table's, <table>_check.
        const column =
          driver.table && driver.constraint?.startsWith(`${driver.table}_`) ? driver.constraint.slice(driver.table.length + 1) : '';
        return /^[a-z][a-z0-9_]*_check$/.test(column)
          ? say(400, { key: 'db.check', params: { field: camel(column.replace(/_check$/, '')) } })
          : say(400, { key: 'db.checkAny', params: { constraint: driver.constraint ?? code } });
      }
      if (Object.hasOwn(INVALID_VALUE, code)) return say(400, { key: INVALID_VALUE[code] });
      if (code === '40001' || code === '40P01') return say(409, { key: 'db.concurrency' });
    }
    return say(500, { key: 'server.error' });
  }
}

function joined(messages: Message[], lang: Language): string {
  return messages.map((m) => render(m, lang)).join(lang === 'zh' ? '；' : '; ');
}

/** A column name as the API's field name: `report_cycle` → `reportCycle`. */
function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
