import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error';
import { Messages } from './messages';

/**
 * Flask's `<int:...>` converter: ASCII digits only (no sign, no spaces), any number of them.
 * Anything else is a 404 with the routing text, as in the reference. A value too large for any row
 * comes out as an unsafe number, which the handlers' lookups treat as not found.
 */
@Injectable()
export class FlaskIntPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) {
      throw new ApiError(404, Messages.URL_NOT_FOUND);
    }
    return Number(value);
  }
}
