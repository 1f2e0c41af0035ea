import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAccessToken, ApiMessage, type AuthenticatedUser, CurrentUser, Messages } from '@app/platform';
import { GetOwnTagsQuery, SuggestTagsQuery } from '../queries/suggest-tags.query';

export class TagSuggestionDoc {
  @ApiProperty({ example: 'TypeScript', description: 'the canonical spelling (the first one seen)' })
  tag: string;

  @ApiProperty({ example: 12, description: 'members holding it as a skill or an interest' })
  users: number;
}

export class OwnTagsDoc {
  @ApiProperty({ type: [String], example: ['TypeScript', 'Public speaking'], description: 'what the caller can teach' })
  skill_tags: string[];

  @ApiProperty({ type: [String], example: ['Rust'], description: 'what the caller wants to learn' })
  interest_tags: string[];
}

/** Skills and interests as tags: suggestions while typing, and the caller's own lists. */
@ApiTags('skills')
@ApiAccessToken()
@Controller()
export class SkillsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('skills')
  @ApiOperation({
    summary: 'Suggest existing skill and interest tags',
    description:
      'Tags whose normalized form (lower case, whitespace collapsed) starts with the prefix, the most held first ' +
      '(members holding it as a skill or an interest), then alphabetically.',
  })
  @ApiQuery({ name: 'prefix', required: false, description: 'the start of the tag, any case (empty: every tag)' })
  @ApiQuery({ name: 'limit', required: false, description: 'how many suggestions, 1 to 50 (default 10)' })
  @ApiOkResponse({ type: [TagSuggestionDoc] })
  @ApiMessage(400, 'The limit query parameter is invalid.')
  suggest(@Query() params: Record<string, unknown>) {
    return this.queries.execute(new SuggestTagsQuery(params));
  }

  @Get('user/tags')
  @ApiOperation({
    summary: "Own skill and interest tags (set with PUT /user's skill_tags and interest_tags)",
  })
  @ApiOkResponse({ type: OwnTagsDoc })
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  ownTags(@CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new GetOwnTagsQuery(user.id));
  }
}
