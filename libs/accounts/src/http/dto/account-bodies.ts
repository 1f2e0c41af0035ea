import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';

/*
 * Request bodies as documented in /docs. The handlers check bodies themselves, in the reference's
 * order and with its texts, so these classes only describe them.
 */

export class RegisterBody {
  @ApiProperty({ example: 'Ann Lee', description: '2–30 letters, spaces or hyphens (whitespace not counted)' })
  name: string;
  @ApiProperty({ example: 'ann_lee', description: '5–25 letters, digits or underscores' })
  username: string;
  @ApiProperty({ example: 'correct-horse', description: '8–64 characters, no spaces' })
  password: string;
  @ApiProperty({ example: 'ann@example.org' })
  email: string;
  @ApiProperty({ example: true })
  terms_and_conditions_checked: boolean;
  @ApiPropertyOptional({ example: true, description: 'wants to be a mentee' })
  need_mentoring?: boolean;
  @ApiPropertyOptional({ example: false, description: 'wants to be a mentor' })
  available_to_mentor?: boolean;
}

export class EmailBody {
  @ApiProperty({ example: 'ann@example.org' })
  email: string;
}

export class LoginBody {
  @ApiProperty({ example: 'ann_lee', description: 'the username or the email' })
  username: string;
  @ApiProperty({ example: 'correct-horse' })
  password: string;
}

export class RefreshBody {
  @ApiPropertyOptional({
    example: true,
    description: 'rotate the refresh token: the answer carries a new one and the presented one stops working',
  })
  rotate?: boolean;
}

export class ResetPasswordBody {
  @ApiProperty({ description: 'the token from the emailed link (the last path segment)' })
  token: string;
  @ApiProperty({ example: 'new-correct-horse', description: '8–64 characters, no spaces' })
  new_password: string;
}

export class UpdateProfileBody {
  @ApiPropertyOptional({ example: 'Ann Lee' }) name?: string;
  @ApiPropertyOptional({ example: 'ann_lee' }) username?: string;
  @ApiPropertyOptional({ description: 'up to 450 characters; "" clears it' }) bio?: string;
  @ApiPropertyOptional({ description: 'up to 60 characters' }) location?: string;
  @ApiPropertyOptional({ description: 'up to 60 characters' }) occupation?: string;
  @ApiPropertyOptional({ description: 'up to 60 characters' }) organization?: string;
  @ApiPropertyOptional({ description: 'up to 60 characters' }) slack_username?: string;
  @ApiPropertyOptional({ description: 'up to 400 characters' }) social_media_links?: string;
  @ApiPropertyOptional({ description: 'up to 450 characters' }) skills?: string;
  @ApiPropertyOptional({ description: 'up to 150 characters' }) interests?: string;
  @ApiPropertyOptional({
    type: [String],
    example: ['TypeScript', 'Public speaking'],
    description:
      'beyond the reference: what you can teach, as tags (each 1–40 characters, at most 20 after de-duplication by ' +
      'normalized form); also sets `skills` to the tags joined with ", " unless `skills` is sent too. Sending only ' +
      '`skills` re-derives the tags from its comma-separated parts. Read back with GET /user/tags.',
  })
  skill_tags?: string[];
  @ApiPropertyOptional({
    type: [String],
    example: ['Rust'],
    description:
      'beyond the reference: what you want to learn, as tags; kept in step with `interests` as skill_tags with `skills`',
  })
  interest_tags?: string[];
  @ApiPropertyOptional({ description: 'up to 200 characters' }) resume_url?: string;
  @ApiPropertyOptional({ description: 'up to 200 characters' }) photo_url?: string;
  @ApiPropertyOptional() need_mentoring?: boolean;
  @ApiPropertyOptional() available_to_mentor?: boolean;
}

export class ChangePasswordBody {
  @ApiProperty() current_password: string;
  @ApiProperty({ description: '8–64 characters, no spaces, not the current one' }) new_password: string;
}

export class AdminTargetBody {
  @ApiProperty({ example: 2 }) user_id: number;
}

export class TokensView {
  @ApiProperty() access_token: string;
  @ApiProperty() refresh_token: string;
}

export class AccessTokenView {
  @ApiProperty() access_token: string;
  @ApiPropertyOptional({ description: 'only when the request asked for rotation' }) refresh_token?: string;
}

export class PublicUserDoc {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) slack_username: string | null;
  @ApiProperty({ nullable: true, type: String }) bio: string | null;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) occupation: string | null;
  @ApiProperty({ nullable: true, type: String }) organization: string | null;
  @ApiProperty({ nullable: true, type: String }) interests: string | null;
  @ApiProperty({ nullable: true, type: String }) skills: string | null;
  @ApiProperty() need_mentoring: boolean;
  @ApiProperty() available_to_mentor: boolean;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'false while in an accepted relation, else need_mentoring or available_to_mentor; null on /users/{id}',
  })
  is_available: boolean | null;
  @ApiProperty({ description: 'epoch seconds' }) registration_date: number;
}

class RatingSummaryDoc {
  @ApiProperty({ nullable: true, type: Number, description: 'mean of the ratings, 2 decimals; null without any' })
  average: number | null;
  @ApiProperty() count: number;
}

/**
 * Beyond the reference: the `ratings` key a public user carries once someone has rated them (it is
 * absent for members nobody has rated, so PublicUserDoc stays the reference's model).
 */
export class RatingsDoc {
  @ApiProperty({ type: RatingSummaryDoc, description: 'ratings received as a mentor' }) as_mentor: RatingSummaryDoc;
  @ApiProperty({ type: RatingSummaryDoc, description: 'ratings received as a mentee' }) as_mentee: RatingSummaryDoc;
}

export class OwnProfileDoc {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() username: string;
  @ApiProperty() email: string;
  @ApiProperty() terms_and_conditions_checked: boolean;
  @ApiProperty() is_admin: boolean;
  @ApiProperty({ description: 'epoch seconds' }) registration_date: number;
  @ApiProperty() is_email_verified: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-29T20:01:02.123000' })
  email_verification_date: string | null;
  @ApiProperty({ nullable: true, type: String }) bio: string | null;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) occupation: string | null;
  @ApiProperty({ nullable: true, type: String }) organization: string | null;
  @ApiProperty({ nullable: true, type: String }) slack_username: string | null;
  @ApiProperty({ nullable: true, type: String }) social_media_links: string | null;
  @ApiProperty({ nullable: true, type: String }) skills: string | null;
  @ApiProperty({ nullable: true, type: String }) interests: string | null;
  @ApiProperty({ nullable: true, type: String }) resume_url: string | null;
  @ApiProperty({ nullable: true, type: String }) photo_url: string | null;
  @ApiProperty() need_mentoring: boolean;
  @ApiProperty() available_to_mentor: boolean;
  @ApiProperty({ nullable: true, type: Number }) current_mentorship_role: number | null;
  @ApiProperty({ nullable: true, type: Number }) membership_status: number | null;
}

/** The reference's list_admins model: a subset of the public profile. */
export class AdminDoc extends PickType(PublicUserDoc, [
  'id',
  'username',
  'name',
  'slack_username',
  'bio',
  'location',
  'occupation',
  'organization',
  'skills',
] as const) {}
