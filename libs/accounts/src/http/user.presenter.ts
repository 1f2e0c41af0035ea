import { ratingsOf } from '../domain/ratings';
import type { User } from '../domain/user.entity';

/** Python's datetime.isoformat() of a naive UTC datetime: microseconds only when non-zero. */
export function pythonIsoFormat(date: Date | null): string | null {
  if (!date) return null;
  const iso = date.toISOString().slice(0, 23); // YYYY-MM-DDTHH:MM:SS.mmm
  return date.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : `${iso}000`;
}

/**
 * The reference's public_user_api_model (GET /users, /users/verified, /users/{id}), and, beyond
 * it, `ratings` (as a mentor and as a mentee) only once the member has been rated at all.
 */
export function presentPublicUser(user: User, isAvailable: boolean | null) {
  const ratings = ratingsOf(user);
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    slack_username: user.slackUsername,
    bio: user.bio,
    location: user.location,
    occupation: user.occupation,
    organization: user.organization,
    interests: user.interests,
    skills: user.skills,
    need_mentoring: user.needMentoring,
    available_to_mentor: user.availableToMentor,
    is_available: isAvailable,
    registration_date: user.registrationDate,
    ...(ratings ? { ratings } : {}),
  };
}

/** The reference's full_user_api_model (GET /user). Never the password hash. */
export function presentOwnProfile(user: User) {
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    email: user.email,
    terms_and_conditions_checked: user.termsAndConditionsChecked,
    is_admin: user.isAdmin,
    registration_date: user.registrationDate,
    is_email_verified: user.isEmailVerified,
    email_verification_date: pythonIsoFormat(user.emailVerificationDate),
    bio: user.bio,
    location: user.location,
    occupation: user.occupation,
    organization: user.organization,
    slack_username: user.slackUsername,
    social_media_links: user.socialMediaLinks,
    skills: user.skills,
    interests: user.interests,
    resume_url: user.resumeUrl,
    photo_url: user.photoUrl,
    need_mentoring: user.needMentoring,
    available_to_mentor: user.availableToMentor,
    current_mentorship_role: user.currentMentorshipRole,
    membership_status: user.membershipStatus,
  };
}

/** The reference's list_admins model (GET /admins). */
export function presentAdmin(user: User) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    slack_username: user.slackUsername,
    bio: user.bio,
    location: user.location,
    occupation: user.occupation,
    organization: user.organization,
    skills: user.skills,
  };
}

export type PublicUserView = ReturnType<typeof presentPublicUser>;
export type OwnProfileView = ReturnType<typeof presentOwnProfile>;
export type AdminView = ReturnType<typeof presentAdmin>;

/** One page of the directory, and how many users match in all (null: more than EXACT_TOTAL_LIMIT). */
export interface UserDirectoryPage {
  users: PublicUserView[];
  total: number | null;
  page: number;
  perPage: number;
}
