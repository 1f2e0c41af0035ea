import { ApiProperty } from '@nestjs/swagger';

export class BlockResultDoc {
  @ApiProperty({
    example: 'User was blocked.',
    description:
      'When an ACCEPTED relation exists between the pair, the text adds how to cancel it (the block does not end it).',
  })
  message: string;

  @ApiProperty({ type: 'integer', nullable: true, example: null, description: 'The ACCEPTED relation, if any' })
  accepted_relation_id: number | null;
}

export class BlockedUserDoc {
  @ApiProperty({ example: 7 })
  id: number;

  @ApiProperty({ example: 'ann_lee' })
  username: string;

  @ApiProperty({ example: 'Ann Lee' })
  name: string;

  @ApiProperty({ example: 1764806400.5, description: 'When the block was made (epoch seconds)' })
  blocked_at: number;
}
