import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  FlaskIntPipe,
  Messages,
} from '@app/platform';
import { EditFeedbackCommand } from '../commands/edit-feedback.command';
import { LeaveFeedbackCommand } from '../commands/leave-feedback.command';
import { ListRelationFeedbackQuery } from '../queries/list-relation-feedback.query';
import { FeedbackBody, FeedbackDoc } from './dto/feedback-bodies';

const FEEDBACK = 'mentorship_relation/:request_id/feedback';

const ApiBodyErrors = () => ApiMessage(400, Messages.FEEDBACK_RATING_INVALID, Messages.FEEDBACK_TESTIMONIAL_INVALID);
/** Not found, or the caller is not a party (the same answer, so outsiders learn nothing). */
const ApiRelationNotFound = (...more: string[]) =>
  ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST, ...more);

/**
 * Beyond the reference: once a relation is COMPLETED, each party rates the other (1–5) and may
 * leave a testimonial, once, within the feedback window (FEEDBACK_WINDOW, 30 days by default).
 */
@ApiTags('mentorship relations')
@ApiAccessToken()
@Controller()
export class FeedbackController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(FEEDBACK)
  @ApiOperation({
    summary: 'Rate the other party of a completed relation; they are emailed',
    description:
      'Once per party, on a COMPLETED relation (not a cancelled one), within the feedback window after its ' +
      'completion. The rating counts in the rated party’s average as a mentor or as a mentee; the testimonial ' +
      'appears on their profile (GET /users/{id}/testimonials).',
  })
  @ApiBody({ type: FeedbackBody })
  @ApiCreatedResponse({ type: FeedbackDoc, description: 'The feedback left' })
  @ApiBodyErrors()
  @ApiRelationNotFound()
  @ApiMessage(
    409,
    Messages.FEEDBACK_NEEDS_COMPLETED_RELATION,
    Messages.FEEDBACK_WINDOW_CLOSED,
    Messages.FEEDBACK_ALREADY_LEFT,
  )
  leave(@Param('request_id', FlaskIntPipe) id: number, @Body() body: FeedbackBody, @Call() call: CallContext) {
    return this.commands.execute(new LeaveFeedbackCommand(id, body.rating, body.testimonial, call));
  }

  @Put(FEEDBACK)
  @ApiOperation({
    summary: 'Edit your feedback within the feedback window (no email)',
    description:
      'Replaces the rating and the testimonial (an absent or null testimonial clears it). A testimonial an ' +
      'admin hid stays hidden.',
  })
  @ApiBody({ type: FeedbackBody })
  @ApiOkResponse({ type: FeedbackDoc, description: 'The feedback, edited' })
  @ApiBodyErrors()
  @ApiRelationNotFound(Messages.FEEDBACK_NOT_LEFT)
  @ApiMessage(409, Messages.FEEDBACK_NEEDS_COMPLETED_RELATION, Messages.FEEDBACK_WINDOW_CLOSED)
  edit(@Param('request_id', FlaskIntPipe) id: number, @Body() body: FeedbackBody, @Call() call: CallContext) {
    return this.commands.execute(new EditFeedbackCommand(id, body.rating, body.testimonial, call));
  }

  @Get(FEEDBACK)
  @ApiOperation({ summary: "The relation's feedback, both parties' (parties only)" })
  @ApiOkResponse({ type: [FeedbackDoc] })
  @ApiRelationNotFound()
  list(@Param('request_id', FlaskIntPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListRelationFeedbackQuery(id, user.id));
  }
}
