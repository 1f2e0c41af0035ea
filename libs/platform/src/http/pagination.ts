import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * RFC 8288 Link header values (first, prev, next, last) for a page of a listing, keeping the
 * request's other query parameters. perPage 0 has no pages to link.
 */
export function paginationLinks(requestUrl: URL, page: number, perPage: number, total: number): string | undefined {
  if (perPage <= 0) return undefined;
  const last = Math.max(1, Math.ceil(total / perPage));
  const link = (target: number, rel: string) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [link(1, 'first')];
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(link(page + 1, 'next'));
  links.push(link(last, 'last'));
  return links.join(', ');
}

/** Sets X-Total-Count and Link on a paginated answer. */
export function setPaginationHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { page: number; perPage: number; total: number },
): void {
  void reply.header('X-Total-Count', String(page.total));
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  const links = paginationLinks(url, page.page, page.perPage, page.total);
  if (links) void reply.header('Link', links);
}
