import { Type } from '@mikro-orm/core';

/** The largest time a JS Date holds (+275760-09-13): how "for good" looks in code. */
export const FOR_GOOD_MS = 8.64e15;

/**
 * `users.suspended_until` (timestamptz): null, a time, or PostgreSQL's 'infinity' for good.
 *
 * MikroORM's own datetime type cannot hold 'infinity': both drivers hand it over as the string
 * "infinity" (with forceUtcTimezone, "infinityZ"), which becomes an Invalid Date on load, and
 * `em.map` of a raw row (the token guard's cached caller) throws a ValidationError. Tried on
 * PostgreSQL and PGlite. So here 'infinity' ↔ `new Date(FOR_GOOD_MS)`, in both directions; raw
 * SQL still reads and compares 'infinity' as PostgreSQL does ('infinity' > now() is true).
 */
export class SuspensionEndType extends Type<Date | null, string | null> {
  override convertToDatabaseValue(value: Date | string | number | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    if (isInfinity(value)) return 'infinity';
    const date = value instanceof Date ? value : new Date(value);
    const time = date.getTime();
    return Number.isNaN(time) || time >= FOR_GOOD_MS ? 'infinity' : date.toISOString();
  }

  override convertToJSValue(value: Date | string | number | null | undefined): Date | null {
    if (value === null || value === undefined) return null;
    if (isInfinity(value)) return new Date(FOR_GOOD_MS);
    if (typeof value === 'string' && value.toLowerCase().startsWith('-infinity')) return new Date(-FOR_GOOD_MS);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? new Date(FOR_GOOD_MS) : value;
    const date = new Date(typeof value === 'string' && !HAS_ZONE.test(value) ? `${value}Z` : value);
    return Number.isNaN(date.getTime()) ? new Date(FOR_GOOD_MS) : date;
  }

  override compareAsType(): string {
    return 'string';
  }

  override get runtimeType(): string {
    return 'Date';
  }

  override getColumnType(): string {
    return 'timestamptz';
  }
}

/** A zone at the end of a timestamp text: Z, +00, +05:30, -0800. */
const HAS_ZONE = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

function isInfinity(value: unknown): boolean {
  return value === Infinity || (typeof value === 'string' && value.toLowerCase().startsWith('infinity'));
}
