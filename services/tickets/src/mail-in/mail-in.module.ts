import { TOPICS } from '@helpdesk/contracts';
import {
  EventPublishingModule,
  LEASE_TIMING,
  LEASES,
  type LeaseHandle,
  type Leases,
  type LeaseTiming,
  RUNTIME_SETTINGS,
  runUnderLease,
  type RuntimeSettings,
} from '@helpdesk/platform';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { TicketsModule } from '../tickets.module';
import { ImapMailbox } from './adapters/imap-mailbox';
import { InboxFolder } from './adapters/inbox-folder';
import { startSmtpListener } from './adapters/smtp-listener';
import { MailLogController } from './api/mail-log.controller';
import { ErasedSendersConsumer } from './application/erased-senders.consumer';
import { MailLog } from './application/mail-log.read-model';
import { MailReceiver } from './application/mail-receiver';
import { loadMailInSettings, MAIL_IN_SETTINGS, type MailInSettings } from './mail-in.settings';

/** Starts the ways mail comes in that this process is configured for, and stops them. */
@Injectable()
export class MailReceivers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailIn');
  private readonly stops: Array<() => Promise<void>> = [];
  /** Where the SMTP listener listens (the configured port, or the one given for port 0). */
  smtpPort?: number;

  constructor(
    private readonly receiver: MailReceiver,
    @Inject(MAIL_IN_SETTINGS) private readonly settings: MailInSettings,
    @Inject(RUNTIME_SETTINGS) private readonly runtime: RuntimeSettings,
    @Inject(LEASES) private readonly leases: Leases,
    @Inject(LEASE_TIMING) private readonly leaseTiming: LeaseTiming,
  ) {}

  /** The IMAP reader holding the mailbox's lease, if this process holds it. */
  imapLease?: LeaseHandle;

  async onApplicationBootstrap() {
    if (this.runtime.mode === 'standalone') {
      const directory = join(this.runtime.dataDir, 'inbox');
      const inbox = new InboxFolder(
        directory,
        (raw) => this.receiver.receive(raw, 'inbox'),
        (file, error) =>
          this.logger.error(`inbox/${file} stays for the next round: ${(error as Error).message}`),
      );
      await inbox.start(this.settings.inboxPollMs);
      this.stops.push(() => inbox.stop());
      this.logger.log(`reading .eml files dropped into ${directory}`);
    }
    if (this.settings.imapUrl) {
      const url = this.settings.imapUrl;
      let mailbox: ImapMailbox | undefined;
      // One replica reads the mailbox at a time: two readers would file the same message at once
      // (which files it once, but twice the work and a race on \Seen); a standby takes over.
      const lease = runUnderLease(
        this.leases,
        `mail-in-imap:${url.host}${url.pathname}`,
        {
          start: async () => {
            mailbox = new ImapMailbox({
              url,
              receive: (raw) => this.receiver.receive(raw, 'imap'),
              log: (message) => this.logger.log(message),
              error: (message) => this.logger.error(message),
              pollMs: this.settings.inboxPollMs,
            });
            mailbox.start();
          },
          stop: async () => {
            await mailbox?.stop();
            mailbox = undefined;
          },
        },
        this.leaseTiming,
        this.logger,
      );
      this.imapLease = lease;
      this.stops.push(() => lease.stop());
    }
    if (this.settings.smtp) {
      const listener = await startSmtpListener({
        ...this.settings.smtp,
        ...this.settings,
        receive: (raw) => this.receiver.receive(raw, 'smtp'),
        tooLarge: ({ from, size }) => this.receiver.recordTooLarge('smtp', from, size),
        onError: (error) => this.logger.error(`SMTP: ${(error as Error).message}`),
      });
      this.stops.push(() => listener.stop());
      this.smtpPort = listener.port;
      this.logger.log(`SMTP listener on ${this.settings.smtp.host}:${listener.port}`);
    }
  }

  async onApplicationShutdown() {
    for (const stop of this.stops.reverse()) await stop();
  }
}

/** E-mail in: mails become tickets, replies comments, as their senders; the mail log. */
@Module({
  imports: [CqrsModule, TicketsModule, EventPublishingModule.forTopic(TOPICS.mail)],
  controllers: [MailLogController],
  providers: [
    { provide: MAIL_IN_SETTINGS, useFactory: () => loadMailInSettings() },
    MailLog,
    MailReceiver,
    MailReceivers,
    ErasedSendersConsumer,
  ],
})
export class MailInModule {}
