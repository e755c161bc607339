import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { LocalizedException, type MessageKey } from './messages';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one piece of text, if anything: PostgreSQL cannot store U+0000, nor UTF-8 an unpaired surrogate. */
function textProblem(text: string): MessageKey | null {
  if (text.includes('\u0000')) return 'text.nul';
  if (UNPAIRED_SURROGATE.test(text)) return 'text.surrogate';
  return null;
}

/**
 * Finds the first string (value or key) in a parsed JSON value, a query or path parameters that PostgreSQL could not
 * store, and names where it is. A query parameter holding JSON (react-admin's `filter`, `sort`, `range`) is looked
 * into as well. Iterative, so any nesting depth the JSON parser accepted is fine.
 */
export function findTextProblem(root: unknown, rootPath = ''): { key: MessageKey; path: string } | null {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const key = textProblem(value);
      if (key) return { key, path };
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const at = path ? `${path}.${k}` : k;
        const key = textProblem(k);
        if (key) return { key, path: at };
        stack.push([v, at]);
      }
    }
  }
  return null;
}

/** The query string as given, then each parameter that holds JSON as parsed, under the parameter's name. */
function queryProblem(query: Request['query']): ReturnType<typeof findTextProblem> {
  for (const [name, raw] of Object.entries(query ?? {})) {
    const problem = findTextProblem(raw, name);
    if (problem) return problem;
    if (typeof raw !== 'string' || !/^\s*[[{"]/.test(raw)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      continue; // not JSON: the list parser says so in its own words
    }
    const inside = findTextProblem(parsed, name);
    if (inside) return inside;
  }
  return null;
}

/**
 * Every route: text that cannot be stored is a 400 naming the field, before any pipe, service or query sees it
 * (it runs after the access guard, so "not logged in" still comes first).
 */
@Injectable()
export class TextCheckInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const problem = findTextProblem(req.params) ?? queryProblem(req.query) ?? findTextProblem(req.body);
    if (problem) throw new LocalizedException(400, [{ key: problem.key, params: { field: problem.path } }]);
    return next.handle();
  }
}
