import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProposalDoc } from './dto/proposal-bodies';

/* Bodies and answers as /docs shows them; the handlers check bodies themselves (reference order). */

export class SendRequestBody {
  @ApiProperty({ example: 2 }) mentor_id: number;
  @ApiProperty({ example: 3, description: 'one of mentor_id and mentee_id is the caller' }) mentee_id: number;
  @ApiProperty({ example: 1800000000.0, description: 'epoch seconds, 4 to 24 weeks from now' }) end_date: number;
  @ApiProperty({ example: 'Weekly calls on Mondays', description: 'up to 400 characters' }) notes: string;
}

class PartyDoc {
  @ApiProperty() id: number;
  @ApiProperty({ nullable: true, type: String, description: 'null for a deleted account' }) name: string | null;
}

export class RelationDoc {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'who sent the request' }) action_user_id: number;
  @ApiProperty() sent_by_me: boolean;
  @ApiProperty({ type: PartyDoc }) mentor: PartyDoc;
  @ApiProperty({ type: PartyDoc }) mentee: PartyDoc;
  @ApiProperty({ description: 'epoch seconds' }) creation_date: number;
  @ApiProperty({ nullable: true, type: Number, description: 'set on accept (epoch seconds)' })
  accept_date: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'set on accept (epoch seconds)' })
  start_date: number | null;
  @ApiProperty({ description: 'epoch seconds' }) end_date: number;
  @ApiProperty({ enum: [1, 2, 3, 4, 5], description: '1 pending, 2 accepted, 3 rejected, 4 cancelled, 5 completed' })
  state: number;
  @ApiProperty() notes: string;
  @ApiPropertyOptional({
    enum: [true],
    description:
      'beyond the reference, present only on a request closed unanswered by the pending-requests job (state 3)',
  })
  expired?: true;
  @ApiPropertyOptional({
    type: ProposalDoc,
    description: 'beyond the reference, present only while a proposal to complete early or move the end date is open',
  })
  open_proposal?: ProposalDoc;
}

/** A done task as /home's achievements show it (the reference's raw task JSON). */
export class AchievementDoc {
  @ApiProperty({ description: 'the task number within its relation' }) id: number;
  @ApiProperty() description: string;
  @ApiProperty() is_done: boolean;
  @ApiProperty({ description: 'epoch seconds' }) created_at: number;
  @ApiProperty({ nullable: true, type: Number, description: 'epoch seconds' }) completed_at: number | null;
}

export class HomeDoc {
  @ApiProperty() name: string;
  @ApiProperty() pending_requests: number;
  @ApiProperty() accepted_requests: number;
  @ApiProperty() rejected_requests: number;
  @ApiProperty() completed_relations: number;
  @ApiProperty() cancelled_relations: number;
  @ApiProperty({ type: [AchievementDoc], description: 'the last 3 completed tasks, newest first' })
  achievements: AchievementDoc[];
}

/** A task as the dashboard lists it (without is_done; kept here, as libs/tasks depends on this lib). */
export class DashboardTaskDoc {
  @ApiProperty({ description: 'the task number within its relation' }) id: number;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'epoch seconds' }) created_at: number;
  @ApiProperty({ nullable: true, type: Number, description: 'epoch seconds, null while open' })
  completed_at: number | null;
}

export class DashboardDoc {
  @ApiProperty({
    description:
      '{sent: {accepted, rejected, completed, cancelled, pending}, received: {…}}: relations where the caller is the ' +
      'mentor; items {id, action_user_id, mentor: {id, user_name, photo_url}, mentee: {…}, creation_date, ' +
      'accept_date, start_date, end_date, state, notes, and only when set: expired, open_proposal}',
  })
  as_mentor: object;
  @ApiProperty({ description: 'the same for relations where the caller is the mentee' }) as_mentee: object;
  @ApiPropertyOptional({ description: 'only while in an ACCEPTED relation: its open tasks', type: [DashboardTaskDoc] })
  tasks_todo?: DashboardTaskDoc[];
  @ApiPropertyOptional({ description: 'only while in an ACCEPTED relation: its done tasks', type: [DashboardTaskDoc] })
  tasks_done?: DashboardTaskDoc[];
}
