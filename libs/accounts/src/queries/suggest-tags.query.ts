import { Query } from '@nestjs/cqrs';

export interface TagSuggestion {
  tag: string;
  users: number;
}

/** GET /skills?prefix=&limit=: existing tags whose slug starts with the prefix, most held first. */
export class SuggestTagsQuery extends Query<TagSuggestion[]> {
  constructor(readonly params: Record<string, unknown>) {
    super();
  }
}

/** GET /user/tags: the caller's own lists. */
export class GetOwnTagsQuery extends Query<{ skill_tags: string[]; interest_tags: string[] }> {
  constructor(readonly userId: number) {
    super();
  }
}
