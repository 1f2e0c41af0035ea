import { HttpException } from '@nestjs/common';

/**
 * An error answered as `{"message": text}` with the given status. Feature code throws these with
 * a text from the Messages catalogue; `extra` adds fields (the reference's validation `errors`).
 */
export class ApiError extends HttpException {
  constructor(status: number, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) {
    super({ ...extra, message }, status);
    if (headers) (this as unknown as { headers: Record<string, string> }).headers = headers;
  }
}
