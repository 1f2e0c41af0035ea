import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiMessage, formatMessage, Messages, NO_TOKEN, Public } from '@app/platform';
import { UnsubscribeCommand } from './unsubscribe.command';
import { renderUnsubscribePage } from './unsubscribe-page.template';
import { UnsubscribeTokens } from './unsubscribe-tokens';

const TOKEN_PARAM = { name: 'token', description: 'from the List-Unsubscribe header or the link in an email' };

/**
 * One-click unsubscribe (RFC 8058), without logging in: the link in an email switches off exactly
 * the setting it was sent for. A GET only shows what the link would do (mail scanners open links);
 * the POST (what mail clients send for List-Unsubscribe-Post, or the page's button) does it.
 */
@ApiTags('notifications')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  @Public()
  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The page an unsubscribe link opens: what it stops, and a button to confirm', ...NO_TOKEN })
  @ApiParam(TOKEN_PARAM)
  @ApiOkResponse({ description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiMessage(400, Messages.UNSUBSCRIBE_LINK_INVALID)
  page(@Param('token') token: string) {
    // A view of the token, not a use case: it reads and writes nothing.
    const link = this.tokens.read(token);
    if (!link) throw new ApiError(400, Messages.UNSUBSCRIBE_LINK_INVALID);
    return renderUnsubscribePage(link.setting);
  }

  @Public()
  @Post(':token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Unsubscribe: switch off the emails this link was sent for (one click, no login)',
    description:
      'The body is List-Unsubscribe=One-Click (application/x-www-form-urlencoded, as mail clients send it) or empty; ' +
      'it is not needed. Unsubscribing twice answers the same.',
    ...NO_TOKEN,
  })
  @ApiParam(TOKEN_PARAM)
  @ApiMessage(200, formatMessage(Messages.UNSUBSCRIBED, { setting: 'proposals' }))
  @ApiMessage(400, Messages.UNSUBSCRIBE_LINK_INVALID)
  async unsubscribe(@Param('token') token: string) {
    const { setting } = await this.commands.execute(new UnsubscribeCommand(token));
    return { message: formatMessage(Messages.UNSUBSCRIBED, { setting }) };
  }
}
