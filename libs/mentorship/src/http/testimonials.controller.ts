import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  FlaskIntPipe,
  Messages,
  setPaginationHeaders,
} from '@app/platform';
import { LiveAdminGuard } from '@app/accounts';
import { HideTestimonialCommand } from '../commands/hide-testimonial.command';
import { ShowTestimonialCommand } from '../commands/show-testimonial.command';
import { ListTestimonialsQuery } from '../queries/list-testimonials.query';
import { HideTestimonialBody, TestimonialDoc } from './dto/feedback-bodies';

const message = (text: string) => ({ message: text });

/** Beyond the reference: the testimonials on a member's profile. */
@ApiTags('users')
@ApiAccessToken()
@Controller()
export class TestimonialsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('users/:user_id/testimonials')
  @ApiOperation({
    summary: "A member's testimonials, newest first (paginated)",
    description:
      'What the other parties of their completed relations wrote about them, with the author, the author’s role ' +
      'in the relation and the relation’s dates; hidden ones are left out. Headers: X-Total-Count (when at most ' +
      '1,000 or the page reaches past them) and Link (RFC 8288).',
  })
  @ApiQuery({ name: 'page', required: false, description: 'page number, from 1 (default 1)' })
  @ApiQuery({ name: 'per_page', required: false, description: 'testimonials per page (default 10, at most 50)' })
  @ApiOkResponse({ type: [TestimonialDoc] })
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async list(
    @Param('user_id', FlaskIntPipe) userId: number,
    @Query() params: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.queries.execute(new ListTestimonialsQuery(userId, user.id, params));
    setPaginationHeaders(request, reply, page);
    return page.testimonials;
  }
}

/**
 * Admins hide a testimonial from profiles, or show it again (audited). Beside the profile route in
 * this file, as its own class only so that /docs files it under "admins".
 */
@ApiTags('admins')
@ApiAccessToken()
@UseGuards(LiveAdminGuard)
@Controller('admin/testimonials')
export class TestimonialModerationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':feedback_id/hide')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hide a testimonial from profiles (admins only)',
    description: 'Its rating still counts in the averages. Audited (mentorship.testimonial_hidden, with the reason).',
  })
  @ApiBody({ type: HideTestimonialBody, required: false })
  @ApiMessage(200, Messages.TESTIMONIAL_WAS_HIDDEN)
  @ApiMessage(400, Messages.HIDE_REASON_INVALID)
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.TESTIMONIAL_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST)
  async hide(
    @Param('feedback_id', FlaskIntPipe) id: number,
    @Body() body: HideTestimonialBody,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new HideTestimonialCommand(id, body?.reason, call));
    return message(Messages.TESTIMONIAL_WAS_HIDDEN);
  }

  @Post(':feedback_id/show')
  @HttpCode(200)
  @ApiOperation({ summary: 'Show a hidden testimonial again (admins only)', description: 'Audited.' })
  @ApiMessage(200, Messages.TESTIMONIAL_WAS_SHOWN)
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.TESTIMONIAL_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST)
  async show(@Param('feedback_id', FlaskIntPipe) id: number, @Call() call: CallContext) {
    await this.commands.execute(new ShowTestimonialCommand(id, call));
    return message(Messages.TESTIMONIAL_WAS_SHOWN);
  }
}
