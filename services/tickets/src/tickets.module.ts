import { Module } from '@nestjs/common';

/** Tickets: registration, triage, the lifecycle, comments, attachments, history; agent and portal read API. */
@Module({})
export class TicketsModule {}
