import { Module } from '@nestjs/common';

/** SLA clocks in business time: warnings, breaches, compliance and what-if. */
@Module({})
export class SlaMonitorModule {}
