import type { ModuleRef } from '@nestjs/core';
import { RelationTaskLists } from '../domain/relation-task-lists';

const NO_TASKS: RelationTaskLists = {
  achievements: () => Promise.resolve([]),
  tasksOf: () => Promise.resolve({ todo: [], done: [] }),
};

/** The tasks lib's RelationTaskLists when it is loaded; otherwise relations have no tasks. */
export function relationTaskLists(moduleRef: ModuleRef): RelationTaskLists {
  try {
    return moduleRef.get(RelationTaskLists, { strict: false });
  } catch {
    return NO_TASKS;
  }
}
