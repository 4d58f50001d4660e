import { Module } from '@nestjs/common';

/** Organisations, contacts and who is authorised for support. */
@Module({})
export class ContactsModule {}
