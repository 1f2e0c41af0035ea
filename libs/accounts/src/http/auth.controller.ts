import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiAccessToken,
  ApiMessage,
  ApiPayloadValidationError,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  escapeHtml,
  Messages,
  NO_TOKEN,
  Public,
  RefreshTokenGuard,
} from '@app/platform';
import { ConfirmEmailCommand } from '../commands/confirm-email.command';
import { LogInCommand } from '../commands/log-in.command';
import { LogOutCommand } from '../commands/log-out.command';
import { RefreshTokensCommand } from '../commands/refresh-tokens.command';
import { RegisterUserCommand } from '../commands/register-user.command';
import { RequestPasswordResetCommand } from '../commands/request-password-reset.command';
import { ResendVerificationEmailCommand } from '../commands/resend-verification-email.command';
import { ResetPasswordCommand } from '../commands/reset-password.command';
import {
  AccessTokenView,
  EmailBody,
  LoginBody,
  RefreshBody,
  RegisterBody,
  ResetPasswordBody,
  TokensView,
} from './dto/account-bodies';

const message = (text: string) => ({ message: text });

function renderResetPasswordPage(token: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mentorship System - Reset your password</title></head>
<body>
<h1>Reset your password</h1>
<p>Open this link on the device where the Mentorship System app is installed to choose a new password.</p>
<p>Developers: send <code>POST /user/reset_password</code> with the JSON body
<code>{"token": "&lt;the token below&gt;", "new_password": "&lt;8–64 characters, no spaces&gt;"}</code>.
The token works once, for one hour.</p>
<pre>${escapeHtml(token)}</pre>
</body></html>
`;
}

/** Registration, email verification, login, tokens and password recovery. */
@ApiTags('authentication')
@Controller()
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Register a user and send the verification email', ...NO_TOKEN })
  @ApiBody({ type: RegisterBody })
  @ApiMessage(201, Messages.USER_WAS_CREATED_SUCCESSFULLY)
  @ApiPayloadValidationError({ name: "'name' is a required property" })
  @ApiMessage(
    400,
    Messages.NAME_USERNAME_AND_PASSWORD_NOT_IN_STRING_FORMAT,
    Messages.USER_INPUTS_SPACE_IN_PASSWORD,
    'The name field has to be longer than 1 characters and shorter than 31 characters.',
    'The username field has to be longer than 4 characters and shorter than 26 characters.',
    'The password field has to be longer than 7 characters and shorter than 65 characters.',
    Messages.TERMS_AND_CONDITIONS_ARE_NOT_CHECKED,
    Messages.NAME_INPUT_BY_USER_IS_INVALID,
    Messages.EMAIL_INPUT_BY_USER_IS_INVALID,
    Messages.USERNAME_INPUT_BY_USER_IS_INVALID,
  )
  @ApiMessage(
    409,
    Messages.USER_USES_A_USERNAME_THAT_ALREADY_EXISTS,
    Messages.USER_USES_AN_EMAIL_ID_THAT_ALREADY_EXISTS,
  )
  async register(@Body() body: unknown, @Call() call: CallContext) {
    await this.commands.execute(new RegisterUserCommand(body, call));
    return message(Messages.USER_WAS_CREATED_SUCCESSFULLY);
  }

  @Public()
  @Get('user/confirm_email/:token')
  @ApiOperation({ summary: 'Confirm the email with the emailed token (valid 30 days)', ...NO_TOKEN })
  @ApiMessage(200, Messages.ACCOUNT_ALREADY_CONFIRMED_AND_THANKS, Messages.ACCOUNT_ALREADY_CONFIRMED)
  @ApiMessage(400, Messages.EMAIL_EXPIRED_OR_TOKEN_IS_INVALID)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async confirmEmail(@Param('token') token: string, @Call() call: CallContext) {
    return message(await this.commands.execute(new ConfirmEmailCommand(token, call)));
  }

  @Public()
  @Post('user/resend_email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a new verification email', ...NO_TOKEN })
  @ApiBody({ type: EmailBody })
  @ApiMessage(200, Messages.EMAIL_VERIFICATION_MESSAGE)
  @ApiMessage(400, Messages.EMAIL_FIELD_IS_MISSING, Messages.EMAIL_INPUT_BY_USER_IS_INVALID)
  @ApiMessage(404, Messages.USER_IS_NOT_REGISTERED_IN_THE_SYSTEM)
  @ApiMessage(409, Messages.USER_ALREADY_CONFIRMED_ACCOUNT)
  async resendEmail(@Body() body: unknown, @Call() call: CallContext) {
    await this.commands.execute(new ResendVerificationEmailCommand(body, call));
    return message(Messages.EMAIL_VERIFICATION_MESSAGE);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with the username or the email; opens a session',
    description:
      'The access token (10 minutes) goes in `Authorization: Bearer …`; the refresh token (4 weeks) gets new access ' +
      'tokens from POST /refresh. Wrong credentials are counted per account and per client address: past the ' +
      'configured bounds (5 and 50 in 15 minutes by default) the answer is 429 with Retry-After.',
    ...NO_TOKEN,
  })
  @ApiBody({ type: LoginBody })
  @ApiOkResponse({ type: TokensView })
  @ApiMessage(400, Messages.USERNAME_FIELD_IS_MISSING, Messages.PASSWORD_FIELD_IS_MISSING)
  @ApiMessage(401, Messages.WRONG_USERNAME_OR_PASSWORD)
  @ApiMessage(
    403,
    Messages.USER_HAS_NOT_VERIFIED_EMAIL_BEFORE_LOGIN,
    Messages.YOUR_ACCOUNT_IS_SUSPENDED_UNTIL,
    Messages.YOUR_ACCOUNT_IS_SUSPENDED,
  )
  @ApiMessage(429, Messages.TOO_MANY_FAILED_LOGINS)
  login(@Body() body: unknown, @Headers('user-agent') userAgent: string | undefined, @Call() call: CallContext) {
    return this.commands.execute(new LogInCommand(body, userAgent ?? null, call));
  }

  @Public()
  @UseGuards(RefreshTokenGuard)
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new access token for the refresh token in the Authorization header',
    description:
      'With `{"rotate": true}` the answer also carries a new refresh token and the presented one stops working; ' +
      'presenting a rotated-out refresh token again ends the whole session (401).',
  })
  @ApiAccessToken()
  @ApiBody({ type: RefreshBody, required: false })
  @ApiOkResponse({ type: AccessTokenView })
  refresh(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser, @Call() call: CallContext) {
    const rotate = typeof body === 'object' && body !== null && (body as { rotate?: unknown }).rotate === true;
    return this.commands.execute(new RefreshTokensCommand(user.tokenId, user.sessionId, rotate, call));
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: "End the caller's session: its access and refresh tokens stop working at once" })
  @ApiAccessToken()
  @ApiMessage(200, Messages.USER_SUCCESSFULLY_LOGGED_OUT)
  async logout(@CurrentUser() user: AuthenticatedUser, @Call() call: CallContext) {
    await this.commands.execute(new LogOutCommand(user.sessionId, call));
    return message(Messages.USER_SUCCESSFULLY_LOGGED_OUT);
  }

  @Public()
  @Post('user/forgot_password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Email a password reset link (valid one hour, single use)',
    description: 'The answer is the same whether or not an account has this email.',
    ...NO_TOKEN,
  })
  @ApiBody({ type: EmailBody })
  @ApiMessage(200, Messages.PASSWORD_RESET_EMAIL_SENT)
  @ApiMessage(400, Messages.EMAIL_FIELD_IS_MISSING, Messages.EMAIL_INPUT_BY_USER_IS_INVALID)
  async forgotPassword(@Body() body: unknown, @Call() call: CallContext) {
    await this.commands.execute(new RequestPasswordResetCommand(body, call));
    return message(Messages.PASSWORD_RESET_EMAIL_SENT);
  }

  @Public()
  @Get('user/reset_password/:token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The page the reset email links to: it tells how to use the token (the apps handle the link themselves)',
    ...NO_TOKEN,
  })
  @ApiOkResponse({ description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  resetPasswordPage(@Param('token') token: string) {
    return renderResetPasswordPage(token);
  }

  @Public()
  @Post('user/reset_password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a new password with the emailed token; every session of the account ends',
    ...NO_TOKEN,
  })
  @ApiBody({ type: ResetPasswordBody })
  @ApiMessage(200, Messages.PASSWORD_RESET_SUCCESSFULLY)
  @ApiMessage(
    400,
    Messages.PASSWORD_RESET_TOKEN_IS_INVALID,
    Messages.TOKEN_FIELD_IS_MISSING,
    Messages.NEW_PASSWORD_FIELD_IS_MISSING,
    Messages.USER_INPUTS_SPACE_IN_PASSWORD,
    'The new_password field has to be longer than 7 characters and shorter than 65 characters.',
  )
  async resetPassword(@Body() body: unknown, @Call() call: CallContext) {
    await this.commands.execute(new ResetPasswordCommand(body, call));
    return message(Messages.PASSWORD_RESET_SUCCESSFULLY);
  }
}
