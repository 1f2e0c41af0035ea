import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { Messages } from '@app/platform';
import {
  feedbackRatingError,
  hideReasonError,
  MAX_HIDE_REASON_LENGTH,
  MAX_RATING,
  MAX_TESTIMONIAL_LENGTH,
  MIN_RATING,
  testimonialError,
} from '../../domain/feedback.rules';
import type { PartyRole } from '../../domain/relation-feedback.entity';

/** A class-validator rule from a pure check that answers its error text, or null. */
const Check = (name: string, error: (value: unknown) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => error(value) === null,
      defaultMessage: (args) => (args && error(args.value)) ?? Messages.BAD_REQUEST,
    },
  });

/**
 * POST and PUT /mentorship_relation/{request_id}/feedback: the check (first failed rule → 400
 * with its text: rating first, then testimonial) and the /docs schema in one class.
 */
export class FeedbackBody {
  @ApiProperty({
    type: 'integer',
    minimum: MIN_RATING,
    maximum: MAX_RATING,
    example: 5,
    description: 'How the other party was as a mentor or mentee: an integer from 1 to 5',
  })
  @Check('feedbackRating', feedbackRatingError)
  rating: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_TESTIMONIAL_LENGTH,
    example: 'Patient, clear and always well prepared.',
    description:
      'A few words for the other party’s public profile, at most 1,000 characters. Absent, null or only ' +
      'whitespace: none (on PUT, this clears an earlier one).',
  })
  @Check('feedbackTestimonial', testimonialError)
  testimonial?: string | null;
}

/** POST /admin/testimonials/{feedback_id}/hide. */
export class HideTestimonialBody {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_HIDE_REASON_LENGTH,
    example: 'Personal data of a third party.',
    description: 'Why it is hidden, for the audit log (at most 500 characters)',
  })
  @Check('hideReason', hideReasonError)
  reason?: string | null;
}

class PartyDoc {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

/** One party's feedback as the API shows it (presentFeedback). */
export class FeedbackDoc {
  @ApiProperty() id: number;
  @ApiProperty() relation_id: number;
  @ApiProperty({ type: PartyDoc, description: 'who left it' }) author: PartyDoc;
  @ApiProperty({ type: PartyDoc, description: 'who is rated: the other party' }) subject: PartyDoc;
  @ApiProperty({ enum: ['mentor', 'mentee'], description: "the rated party's role in the relation" })
  subject_role: PartyRole;
  @ApiProperty({ minimum: MIN_RATING, maximum: MAX_RATING }) rating: number;
  @ApiProperty({ type: String, nullable: true }) testimonial: string | null;
  @ApiProperty({ description: 'an admin hid the testimonial from profiles (the rating still counts)' })
  hidden: boolean;
  @ApiProperty({ description: 'epoch seconds' }) created_at: number;
  @ApiProperty({ description: 'epoch seconds' }) updated_at: number;
}

class TestimonialRelationDoc {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true, description: 'epoch seconds' }) start_date: number | null;
  @ApiProperty({ description: 'epoch seconds' }) end_date: number;
}

/** A testimonial on a member's profile (presentTestimonial). */
export class TestimonialDoc {
  @ApiProperty() id: number;
  @ApiProperty({ minimum: MIN_RATING, maximum: MAX_RATING }) rating: number;
  @ApiProperty() testimonial: string;
  @ApiProperty({ type: PartyDoc }) author: PartyDoc;
  @ApiProperty({ enum: ['mentor', 'mentee'], description: "the author's role in the relation" })
  author_role: PartyRole;
  @ApiProperty({ type: TestimonialRelationDoc }) relation: TestimonialRelationDoc;
  @ApiProperty({ description: 'epoch seconds' }) created_at: number;
  @ApiProperty({ description: 'epoch seconds' }) updated_at: number;
}
