import { ApiProperty } from '@nestjs/swagger';

export class DescriptionBody {
  @ApiProperty({
    example: 'Read chapter 3',
    description: '1–400 characters once trimmed (the reference took any, even empty: here that is a 400)',
  })
  description: string;
}

export class CommentBody {
  @ApiProperty({
    example: 'Done, see the notes',
    description: 'up to 400 characters not counting whitespace; may be empty',
  })
  comment: string;
}

export class TaskDoc {
  @ApiProperty({ description: 'per relation, from 1, never reused' }) id: number;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'epoch seconds' }) created_at: number;
  @ApiProperty({ nullable: true, type: Number, description: 'epoch seconds; null until completed' })
  completed_at: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the user who created it' }) created_by: number | null;
}

export class CommentDoc {
  @ApiProperty() id: number;
  @ApiProperty() user_id: number;
  @ApiProperty({ nullable: true, type: String, description: "the author's name (null for a deleted account)" })
  user_name: string | null;
  @ApiProperty({ description: 'the per-relation task id' }) task_id: number;
  @ApiProperty() relation_id: number;
  @ApiProperty({ description: 'epoch seconds' }) creation_date: number;
  @ApiProperty({ nullable: true, type: Number }) modification_date: number | null;
  @ApiProperty() comment: string;
}
