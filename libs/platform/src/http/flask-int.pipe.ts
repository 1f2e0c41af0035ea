import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error';
import { Messages } from './messages';

/**
 * Flask's `<int:...>` converter: digits only (no sign, no spaces). Anything else is a 404 with the
 * routing text, as in the reference.
 */
@Injectable()
export class FlaskIntPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
      throw new ApiError(404, Messages.URL_NOT_FOUND);
    }
    return Number(value);
  }
}
