/**
 * The reference's paging of GET /users (Flask-SQLAlchemy paginate, error_out=False): page defaults
 * to 1 and below 1 is 1; per_page defaults to 10, is capped at 50, and a negative one is 20.
 * A value that is not an integer falls back to the default, as request.args.get(type=int) does.
 */
export function parsePaging(page: unknown, perPage: unknown): { page: number; perPage: number } {
  let parsedPage = pythonInt(page) ?? 1;
  if (parsedPage < 1) parsedPage = 1;
  let parsedPerPage = Math.min(pythonInt(perPage) ?? 10, 50);
  if (parsedPerPage < 0) parsedPerPage = 20;
  return { page: parsedPage, perPage: parsedPerPage };
}

/** int(value) for a query-string value, or undefined where Python's int() would raise. */
export function pythonInt(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const parsed = Number(text);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/** A LIKE pattern that matches `text` literally anywhere: % and _ (and \) lose their meaning. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** "true"/"false" (any case, also 1/0, yes/no) for the directory's boolean filters; undefined if neither. */
export function parseBooleanFilter(value: string): boolean | undefined {
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) return true;
  if (['false', '0', 'no'].includes(normalised)) return false;
  return undefined;
}
