import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
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
import { AcceptProposalCommand } from '../commands/accept-proposal.command';
import { DeclineProposalCommand } from '../commands/decline-proposal.command';
import { MakeProposalCommand } from '../commands/make-proposal.command';
import { WithdrawProposalCommand } from '../commands/withdraw-proposal.command';
import { ListProposalsQuery } from '../queries/list-proposals.query';
import { MakeProposalBody, ProposalDoc } from './dto/proposal-bodies';
import { presentProposal } from './proposal.presenter';

const PROPOSALS = 'mentorship_relation/:request_id/proposals';
const PROPOSAL = `${PROPOSALS}/:proposal_id`;

/** Not found, or the caller is not a party (the same answer, so outsiders learn nothing). */
const ApiRelationNotFound = () =>
  ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST);
const ApiProposalNotFound = () =>
  ApiMessage(
    404,
    Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST,
    Messages.PROPOSAL_DOES_NOT_EXIST,
    Messages.USER_DOES_NOT_EXIST,
  );

/**
 * Beyond the reference (android #543): a party of an ACCEPTED relation proposes to complete it now
 * or to move its end date, and only the other party's consent makes it so.
 */
@ApiTags('mentorship relations')
@ApiAccessToken()
@Controller()
export class ProposalsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(PROPOSALS)
  @ApiOperation({
    summary: 'Propose to complete the relation now or to move its end date; the other party is emailed',
    description: 'Only in an ACCEPTED relation, one open proposal at a time. It lapses if the relation ends first.',
  })
  @ApiBody({ type: MakeProposalBody })
  @ApiCreatedResponse({ type: ProposalDoc, description: 'The proposal, open' })
  @ApiMessage(
    400,
    Messages.PROPOSAL_KIND_INVALID,
    Messages.PROPOSAL_END_DATE_REQUIRED,
    Messages.PROPOSAL_END_DATE_NOT_ALLOWED,
    Messages.PROPOSAL_END_DATE_INVALID,
    Messages.PROPOSAL_END_DATE_OUT_OF_BOUNDS,
    Messages.PROPOSAL_END_DATE_UNCHANGED,
  )
  @ApiRelationNotFound()
  @ApiMessage(409, Messages.PROPOSALS_NEED_ACCEPTED_RELATION, Messages.PROPOSAL_ALREADY_OPEN)
  async make(@Param('request_id', FlaskIntPipe) id: number, @Body() body: MakeProposalBody, @Call() call: CallContext) {
    const endDate = body.kind === 'change_end_date' ? body.end_date! : null;
    const proposal = await this.commands.execute(new MakeProposalCommand(id, body.kind, endDate, call));
    return presentProposal(proposal, call.actorId!);
  }

  @Get(PROPOSALS)
  @ApiOperation({ summary: "The relation's proposals in any state, newest first (parties only)" })
  @ApiOkResponse({ type: [ProposalDoc] })
  @ApiRelationNotFound()
  list(@Param('request_id', FlaskIntPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListProposalsQuery(id, user.id));
  }

  @Put(`${PROPOSAL}/accept`)
  @ApiOperation({
    summary: 'Accept the other party’s open proposal',
    description:
      'complete: the relation is COMPLETED at once and both parties are emailed; change_end_date: the relation ' +
      'takes the proposed end date and the proposer is emailed.',
  })
  @ApiOkResponse({ type: ProposalDoc, description: 'The proposal, accepted' })
  @ApiMessage(403, Messages.CANNOT_ACCEPT_OWN_PROPOSAL)
  @ApiProposalNotFound()
  @ApiMessage(409, Messages.PROPOSAL_IS_NOT_OPEN, Messages.PROPOSAL_END_DATE_PASSED)
  async accept(
    @Param('request_id', FlaskIntPipe) id: number,
    @Param('proposal_id', FlaskIntPipe) proposalId: number,
    @Call() call: CallContext,
  ) {
    const proposal = await this.commands.execute(new AcceptProposalCommand(id, proposalId, call));
    return presentProposal(proposal, call.actorId!);
  }

  @Put(`${PROPOSAL}/decline`)
  @ApiOperation({ summary: 'Decline the other party’s open proposal; the proposer is emailed' })
  @ApiOkResponse({ type: ProposalDoc, description: 'The proposal, declined' })
  @ApiMessage(403, Messages.CANNOT_DECLINE_OWN_PROPOSAL)
  @ApiProposalNotFound()
  @ApiMessage(409, Messages.PROPOSAL_IS_NOT_OPEN)
  async decline(
    @Param('request_id', FlaskIntPipe) id: number,
    @Param('proposal_id', FlaskIntPipe) proposalId: number,
    @Call() call: CallContext,
  ) {
    const proposal = await this.commands.execute(new DeclineProposalCommand(id, proposalId, call));
    return presentProposal(proposal, call.actorId!);
  }

  @Delete(PROPOSAL)
  @ApiOperation({ summary: 'Withdraw your own open proposal; the other party is emailed' })
  @ApiOkResponse({ type: ProposalDoc, description: 'The proposal, withdrawn' })
  @ApiMessage(403, Messages.ONLY_PROPOSER_CAN_WITHDRAW)
  @ApiProposalNotFound()
  @ApiMessage(409, Messages.PROPOSAL_IS_NOT_OPEN)
  async withdraw(
    @Param('request_id', FlaskIntPipe) id: number,
    @Param('proposal_id', FlaskIntPipe) proposalId: number,
    @Call() call: CallContext,
  ) {
    const proposal = await this.commands.execute(new WithdrawProposalCommand(id, proposalId, call));
    return presentProposal(proposal, call.actorId!);
  }
}
