import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { formatMessage, Messages } from './messages';

/**
 * Listings count their matches exactly up to this many (past the requested page); beyond it the
 * total is left out, as GitLab's API does past 10,000, so a count never scans a whole large table.
 */
export const EXACT_TOTAL_LIMIT = 1_000;

/** How many matches to count at most for `page`: one more than the limit or than this page's end. */
export function totalCountBound(page: number, perPage: number): number {
  return Math.max(EXACT_TOTAL_LIMIT, page * perPage) + 1;
}

/** The exact total, or null when the bounded count reached its bound (there are more). */
export function totalFromBoundedCount(counted: number, bound: number): number | null {
  return counted >= bound ? null : counted;
}

/**
 * RFC 8288 Link header values (first, prev, next, last) for a page of a listing, keeping the
 * request's other query parameters. perPage 0 has no pages to link. An unknown total (null: more
 * than EXACT_TOTAL_LIMIT matches) has no last page, and always a next one.
 */
export function paginationLinks(
  requestUrl: URL,
  page: number,
  perPage: number,
  total: number | null,
): string | undefined {
  if (perPage <= 0) return undefined;
  const last = total === null ? undefined : Math.max(1, Math.ceil(total / perPage));
  const link = (target: number, rel: string) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [link(1, 'first')];
  if (page > 1) links.push(link(last === undefined ? page - 1 : Math.min(page - 1, last), 'prev'));
  if (last === undefined || page < last) links.push(link(page + 1, 'next'));
  if (last !== undefined) links.push(link(last, 'last'));
  return links.join(', ');
}

/** Sets X-Total-Count (when the total is known) and Link on a paginated answer. */
export function setPaginationHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { page: number; perPage: number; total: number | null },
): void {
  if (page.total !== null) void reply.header('X-Total-Count', String(page.total));
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  const links = paginationLinks(url, page.page, page.perPage, page.total);
  if (links) void reply.header('Link', links);
}

/**
 * An integer query parameter within [min, max], undefined when absent or empty (the first of
 * repeated ones); anything else is 400 "The <name> query parameter is invalid.".
 */
export function queryInteger(
  params: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: name }));
  }
  return Number(value);
}
