export * from './mentorship.module';
export * from './events';
export * from './domain/relation-state';
export * from './domain/mentorship-relation.entity';
export * from './domain/relation-task-lists';
export * from './domain/complete-due-relations.job';
