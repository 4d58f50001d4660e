import { Module } from '@nestjs/common';

/** Who is told what: e-mail in the recipient's language, retries, the delivery log. */
@Module({})
export class NotificationsModule {}
