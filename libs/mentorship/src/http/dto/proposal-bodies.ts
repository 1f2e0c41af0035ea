import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, ValidateBy, type ValidationArguments } from 'class-validator';
import { Messages } from '@app/platform';
import { proposalEndDateShapeError } from '../../domain/proposal.rules';
import { PROPOSAL_KINDS, type ProposalKind, type ProposalState } from '../../domain/relation-proposal.entity';

const endDateProblem = (args: ValidationArguments) =>
  proposalEndDateShapeError((args.object as { kind?: unknown }).kind, args.value);

/**
 * POST /mentorship_relation/{request_id}/proposals: the check (class-validator, first failed rule
 * → 400 with its text: kind first, then end_date) and the /docs schema in one class.
 */
export class MakeProposalBody {
  @ApiProperty({
    enum: PROPOSAL_KINDS,
    example: 'change_end_date',
    description: 'complete: end the relation now (COMPLETED); change_end_date: move its end date to end_date',
  })
  @IsIn(PROPOSAL_KINDS as ProposalKind[], { message: Messages.PROPOSAL_KIND_INVALID })
  kind: ProposalKind;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 1800000000.0,
    description:
      'change_end_date only (required there; absent or null for complete): epoch seconds, 4 to 24 weeks from now, ' +
      'not the current end date',
  })
  @ValidateBy({
    name: 'proposalEndDate',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => !args || endDateProblem(args) === null,
      defaultMessage: (args?: ValidationArguments) => (args && endDateProblem(args)) ?? Messages.BAD_REQUEST,
    },
  })
  end_date?: number | null;
}

/** A proposal as the API shows it (presentProposal). */
export class ProposalDoc {
  @ApiProperty() id: number;
  @ApiProperty() relation_id: number;
  @ApiProperty({ enum: PROPOSAL_KINDS }) kind: ProposalKind;
  @ApiProperty({ nullable: true, type: Number, description: 'change_end_date: the proposed end date (epoch seconds)' })
  end_date: number | null;
  @ApiProperty({ description: 'the id of the party who proposed' }) proposed_by: number;
  @ApiProperty() proposed_by_me: boolean;
  @ApiProperty({ enum: ['open', 'accepted', 'declined', 'withdrawn', 'lapsed'] }) state: ProposalState;
  @ApiProperty({ description: 'epoch seconds' }) created_at: number;
  @ApiProperty({ nullable: true, type: Number, description: 'when it stopped being open (epoch seconds)' })
  decided_at: number | null;
}
