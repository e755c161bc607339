/**
 * A constant set of identifiers (a status set of libs/domain) written as a SQL list, `('a','b')`, for statements
 * whose text must stay constant (partial indexes match on the literal list). Values from a request are bound as
 * parameters instead, never rendered.
 */
export function sqlList(values: readonly string[]): string {
  if (values.length === 0 || !values.every((v) => /^[a-z_]+$/.test(v)))
    throw new Error(`sqlList: not a set of identifiers: ${values.join(',')}`);
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}
