export * from './mentorship.module';
export * from './events';
export * from './domain/relation-state';
export * from './domain/mentorship-relation.entity';
export * from './domain/relation-task-lists';
export * from './domain/complete-due-relations.job';
export * from './domain/relation-proposal.entity';
export * from './domain/relation-feedback.entity';
