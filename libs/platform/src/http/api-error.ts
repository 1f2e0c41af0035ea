import { HttpException } from '@nestjs/common';

/**
 * An error answered as `{"message": text}` with the given status. Feature code throws these with
 * a text from the Messages catalogue; `extra` adds fields (the reference's validation `errors`).
 */
export class ApiError extends HttpException {
  constructor(
    status: number,
    message: string,
    extra: Record<string, unknown> = {},
    /** Response headers that belong to this error (Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super({ ...extra, message }, status);
  }
}
