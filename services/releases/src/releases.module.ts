import { Module } from '@nestjs/common';

/** Two-weekly release trains that carry fixes and tell the tickets they fix. */
@Module({})
export class ReleasesModule {}
