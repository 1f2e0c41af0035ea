import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from './token.types';

/** The caller put on the request by the token guards. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<FastifyRequest & { user: AuthenticatedUser }>().user,
);

/** The request id (X-Request-Id or generated), for event metadata and the audit log. */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().id,
);

/** Who asks and from where: copied into the metadata of the events a command records. */
export interface CallContext {
  actorId: number | null;
  requestId: string | null;
  clientAddress: string | null;
}

/** The CallContext of this request (actor from the token guards, when there is one). */
export const Call = createParamDecorator((_data: unknown, context: ExecutionContext): CallContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
  return { actorId: request.user?.id ?? null, requestId: request.id ?? null, clientAddress: request.ip ?? null };
});

/** Event metadata from a CallContext. */
export function eventMeta(call: CallContext, actorId: number | null = call.actorId) {
  return { actorId, requestId: call.requestId };
}
