import { Query } from '@nestjs/cqrs';
import type { TestimonialPage } from '../http/feedback.presenter';

/** GET /users/{user_id}/testimonials, paged as the directory is. */
export class ListTestimonialsQuery extends Query<TestimonialPage> {
  constructor(
    readonly userId: number,
    readonly callerId: number,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
