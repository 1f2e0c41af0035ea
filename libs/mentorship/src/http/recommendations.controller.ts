import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PublicUserDoc } from '@app/accounts';
import { ApiAccessToken, ApiMessage, type AuthenticatedUser, CurrentUser, Messages } from '@app/platform';
import { RecommendUsersQuery } from '../queries/recommend-users.query';

export class RecommendedUserDoc extends PublicUserDoc {
  @ApiProperty({ example: 6.5, description: 'the rank score (2 decimals); higher is better' })
  score: number;

  @ApiProperty({
    type: [String],
    example: ['teaches TypeScript, which you want to learn', 'is free to start a mentorship'],
    description: 'why, one phrase per part of the score',
  })
  reasons: string[];
}

/** Beyond the reference (its "Future ideas"): counterparts ranked for the caller. */
@ApiTags('users')
@ApiAccessToken()
@Controller()
export class RecommendationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('users/recommended')
  @ApiOperation({
    summary: 'Members who could mentor you, or whom you could mentor, best first',
    description:
      'Direction: role=mentor (members available to mentor), role=mentee (members who need mentoring), or, without ' +
      'role, from your own flags (need_mentoring: mentors; available_to_mentor: mentees; both or neither: both, each ' +
      'member scored in its better direction). Score: +3 per tag of overlap (your interest_tags with their skill_tags ' +
      'for a mentor, your skill_tags with their interest_tags for a mentee), +2 when they are in no accepted relation, ' +
      '-0.5 per pending request waiting for their answer (at most -2), +1 for the same location, and when rated in ' +
      'that role (average - 3) x 0.5. Ties by id. Never yourself, unverified or deleted accounts, anyone blocked ' +
      'either way, nor anyone you have a pending or accepted relation with. ' +
      'The candidates scored are the 300 newest holders of each of your tags and the 200 newest members open to ' +
      'that direction.',
  })
  @ApiQuery({ name: 'limit', required: false, description: 'how many, 1 to 50 (default 10)' })
  @ApiQuery({ name: 'role', required: false, enum: ['mentor', 'mentee'], description: 'what you look for' })
  @ApiOkResponse({ type: [RecommendedUserDoc] })
  @ApiMessage(400, 'The limit query parameter is invalid.', 'The role query parameter is invalid.')
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  recommend(@Query() params: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new RecommendUsersQuery(user.id, params));
  }
}
