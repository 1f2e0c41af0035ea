/**
 * PostgreSQL cannot store NUL in text, and a lone UTF-16 surrogate is not a character. Strings with
 * either are refused up front (a 400), never passed to the database (a 500).
 */
export function hasForbiddenCharacters(value: string): boolean {
  return value.includes('\u0000') || !value.isWellFormed();
}
