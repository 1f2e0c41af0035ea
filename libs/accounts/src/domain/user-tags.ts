import type { EntityManager } from '@mikro-orm/sql';
import type { TagInput, TagKind } from './tags';

/**
 * Replaces a member's list of one kind. New tags are created with the given spelling as their
 * label; existing ones keep theirs (the first spelling seen). Returns the canonical labels, in order.
 * One upsert for the tags, so two members adding the same new tag at once both get the one row
 * (in slug order, so two such upserts cannot deadlock); the member's row is locked first, so two
 * updates of the same member's lists take turns instead of colliding on user_tags' primary key.
 */
export async function replaceUserTags(
  em: EntityManager,
  userId: number,
  kind: TagKind,
  tags: TagInput[],
): Promise<string[]> {
  await em.execute(`select 1 from "users" where "id" = ? for update`, [userId]);
  await em.execute(`delete from "user_tags" where "user_id" = ? and "kind" = ?`, [userId, kind]);
  if (tags.length === 0) return [];
  await em.execute(
    `insert into "tags" ("slug", "label") values ${tags.map(() => '(?, ?)').join(', ')} on conflict ("slug") do nothing`,
    [...tags].sort((a, b) => (a.slug < b.slug ? -1 : 1)).flatMap((tag) => [tag.slug, tag.label]),
  );
  const rows = await em.execute<Array<{ id: number; slug: string; label: string }>>(
    `select "id", "slug", "label" from "tags" where "slug" in (${tags.map(() => '?').join(', ')})`,
    tags.map((tag) => tag.slug),
  );
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  const ordered = tags.map((tag) => bySlug.get(tag.slug)!);
  await em.execute(
    `insert into "user_tags" ("user_id", "kind", "tag_id", "position") values ${ordered.map(() => '(?, ?, ?, ?)').join(', ')}`,
    ordered.flatMap((row, position) => [userId, kind, row.id, position]),
  );
  return ordered.map((row) => row.label);
}

/** A member's canonical labels of one kind, in their order. */
export async function userTagLabels(em: EntityManager, userId: number): Promise<Record<TagKind, string[]>> {
  const rows = await em.execute<Array<{ kind: TagKind; label: string }>>(
    `select ut."kind", t."label" from "user_tags" ut join "tags" t on t."id" = ut."tag_id"
     where ut."user_id" = ? order by ut."kind", ut."position"`,
    [userId],
  );
  const result: Record<TagKind, string[]> = { skill: [], interest: [] };
  for (const row of rows) result[row.kind].push(row.label);
  return result;
}

/** The id of the tag with this slug, or null when nobody ever used it. */
export async function tagIdBySlug(em: EntityManager, slug: string): Promise<number | null> {
  const rows = await em.execute<Array<{ id: number }>>(`select "id" from "tags" where "slug" = ?`, [slug]);
  return rows[0]?.id ?? null;
}
