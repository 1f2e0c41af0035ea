/** A task as /home's achievements show it (the reference's raw task JSON). */
export interface AchievementView {
  id: number;
  description: string;
  is_done: boolean;
  created_at: number;
  completed_at: number | null;
}

/** A task as /dashboard's tasks_todo and tasks_done show it (without is_done). */
export interface DashboardTaskView {
  id: number;
  description: string;
  created_at: number;
  completed_at: number | null;
}

/**
 * The tasks of relations, as the home statistics and the dashboard need them. The tasks lib
 * provides it; until then relations have no tasks.
 */
export abstract class RelationTaskLists {
  /** The reference's achievements: done tasks of all the user's relations, last 3, newest first. */
  abstract achievements(userId: number): Promise<AchievementView[]>;
  abstract tasksOf(relationId: number): Promise<{ todo: DashboardTaskView[]; done: DashboardTaskView[] }>;
}
