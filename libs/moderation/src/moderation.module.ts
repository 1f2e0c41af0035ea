import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { FileReportHandler } from './commands/file-report.handler';
import { ResolveReportHandler } from './commands/resolve-report.handler';
import { Report } from './domain/report.entity';
import { ReportModerationController } from './http/report-moderation.controller';
import { ReportsController } from './http/reports.controller';
import { ListReportsHandler } from './queries/list-reports.handler';

/** Reports and their resolution without routes: the handlers and the event classes (the worker imports it too). */
@Module({
  imports: [MikroOrmModule.forFeature([Report])],
  providers: [FileReportHandler, ResolveReportHandler, ListReportsHandler],
})
export class ModerationCoreModule {}

/** Reports and their resolution: the routes. */
@Module({
  imports: [ModerationCoreModule],
  controllers: [ReportsController, ReportModerationController],
  exports: [ModerationCoreModule],
})
export class ModerationModule {}
