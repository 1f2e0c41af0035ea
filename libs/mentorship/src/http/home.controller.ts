import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAccessToken, ApiMessage, type AuthenticatedUser, CurrentUser, Messages } from '@app/platform';
import { GetDashboardQuery } from '../queries/get-dashboard.query';
import { GetHomeStatisticsQuery } from '../queries/get-home-statistics.query';
import { DashboardDoc, HomeDoc } from './relation-docs';

@ApiTags('users')
@ApiAccessToken()
@Controller()
export class HomeController {
  constructor(private readonly queries: QueryBus) {}

  @Get('home')
  @ApiOperation({ summary: "Counts of the caller's relations by state, and the last 3 achievements" })
  @ApiOkResponse({ type: HomeDoc })
  @ApiMessage(404, Messages.USER_NOT_FOUND)
  home(@CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new GetHomeStatisticsQuery(user.id));
  }

  @Get('dashboard')
  @ApiOperation({ summary: "The caller's relations by role, direction and state, and the current relation's tasks" })
  @ApiOkResponse({ type: DashboardDoc })
  @ApiMessage(404, Messages.USER_NOT_FOUND)
  dashboard(@CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new GetDashboardQuery(user.id));
  }
}
