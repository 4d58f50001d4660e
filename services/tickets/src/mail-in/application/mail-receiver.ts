import {
  activeAdministrators,
  decodeEvent,
  type MailChannel,
  type MailReceived,
  type RegisteredOrganisation,
  schemaVersionMetadata,
} from '@helpdesk/contracts';
import { derivedEventId, DomainError, type EventStore, fold } from '@helpdesk/event-store';
import { type CommandContext, EVENT_STORE } from '@helpdesk/platform';
import { verifyMessageId } from '@helpdesk/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { ATTACHMENT_CONTENT, type AttachmentContentStore } from '../../adapters/attachment-content.store';
import { ExecuteTicketCommand, RegisterTicketCommand } from '../../application/execute-ticket-command';
import { TicketReadModel } from '../../application/ticket-read-model';
import { TicketsOrganisationDirectory } from '../../consumers/organisation-directory';
import { type Actor, ticketDecider, ticketStream, type TicketEvent } from '../../domain';
import {
  decideMail,
  deliveryReportOf,
  headerInjectionReason,
  type MailTicket,
  type MailVerdict,
  oversizeReason,
  recipientsReason,
  type SenderContact,
  threadOf,
} from '../domain';
import { MalformedMailError, parseMail, type ParsedMail } from '../adapters/parse-mail';
import { MAIL_IN_SETTINGS, type MailInSettings } from '../mail-in.settings';
import { mailIdOf, mailStream } from '../mail-stream';
import { MailLog } from './mail-log.read-model';
import { attachableFiles } from './mail-attachments';

export type MailRecord = MailReceived['data'];

/** The ticket a mail files, the same for every delivery; shaped as the v4 UUIDs the ticket routes take. */
export const ticketIdFor = (mailId: string) => {
  const hex = createHash('sha256').update(`ticket:${mailId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Every received mail, however it came (IMAP, SMTP, the inbox folder), goes through here: it is
 * decided once per Message-ID, files what it files as its sender, and is recorded in the mail log
 * after that is stored. The caller may drop its copy only once `receive` has returned: a crash
 * before leaves the mail where it was, and receiving it again files nothing twice.
 */
@Injectable()
export class MailReceiver {
  private readonly logger = new Logger('MailReceiver');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ATTACHMENT_CONTENT) private readonly content: AttachmentContentStore,
    @Inject(MAIL_IN_SETTINGS) private readonly settings: MailInSettings,
    private readonly commands: CommandBus,
    private readonly directory: TicketsOrganisationDirectory,
    private readonly tickets: TicketReadModel,
    private readonly log: MailLog,
  ) {}

  /** Decides and files one raw message; answers what the mail log now says of it. */
  async receive(raw: Buffer, via: MailChannel, options: { again?: boolean } = {}): Promise<MailRecord> {
    const fallbackId = mailIdOf(`raw:${createHash('sha256').update(raw).digest('hex')}`);
    const originalId = await this.content.put(raw);
    const base = { via, originalId, size: raw.length, at: new Date().toISOString() };
    const early = oversizeReason(raw.length, this.settings);
    if (early)
      return this.record(fallbackId, { ...base, messageId: '', from: '', subject: '' }, quarantine(early));

    let parsed: ParsedMail;
    try {
      parsed = await parseMail(raw);
    } catch (error) {
      if (!(error instanceof MalformedMailError)) throw error;
      return this.record(
        fallbackId,
        { ...base, messageId: '', from: '', subject: '' },
        quarantine(error.message),
      );
    }
    const { mail } = parsed;
    const mailId = mailIdOf(mail.messageId);
    const known = await this.store.readStream(mailStream(mailId));
    if (known.length > 0 && !options.again) return known[known.length - 1].data as MailRecord;

    const about = {
      ...base,
      messageId: mail.messageId,
      from: mail.from,
      subject: mail.subject.slice(0, 300),
    };
    const refused =
      recipientsReason(parsed.recipients, this.settings) ??
      headerInjectionReason({ subject: mail.subject, 'Message-ID': mail.messageId, From: mail.from });
    if (refused) return this.record(mailId, about, quarantine(refused), known.length);

    const thread = threadOf(mail, (id) => verifyMessageId(id, this.settings.referenceSecret));
    const ticket = await this.ticketOf(thread);
    const verdict = decideMail({
      mail,
      ownAddresses: this.settings.addresses,
      thread,
      ticket,
      senders: await this.contactsOf([mail.from]),
      copied: await this.contactsOf(mail.cc),
      administrators: (organisationId) => this.administratorsCache.get(organisationId) ?? [],
      ticketsFromSenderLastHour: await this.ticketsFiledBy(mail.from),
      maxTicketsPerHour: this.settings.maxTicketsPerHour,
    });
    const outcome = await this.file(mailId, verdict, parsed);
    return this.record(mailId, about, outcome, known.length);
  }

  /** The mail's last decision as stored: the mail log may not have applied it yet. */
  async lastRecordOf(mailId: string): Promise<MailRecord | undefined> {
    const known = await this.store.readStream(mailStream(mailId));
    return known.length > 0 ? (known[known.length - 1].data as MailRecord) : undefined;
  }

  /**
   * A mail refused in the SMTP dialogue for its size (552): the sender keeps it, we keep a line in
   * the mail log saying who tried and how large it was. Each refused attempt is its own entry.
   */
  async recordTooLarge(via: MailChannel, from: string, size: number): Promise<MailRecord> {
    const mailId = mailIdOf(`too-large:${randomUUID()}`);
    const about = {
      via,
      originalId: '',
      size,
      at: new Date().toISOString(),
      messageId: '',
      from,
      subject: '',
    };
    return this.record(mailId, about, quarantine(oversizeReason(size, this.settings) ?? 'too large'));
  }

  /** Issues the verdict's ticket commands as the sender; the ids come from the mail, so a repeat is a replay. */
  private async file(mailId: string, verdict: MailVerdict, parsed: ParsedMail): Promise<Outcome> {
    if (verdict.decision === 'ignored') {
      // A bounce is answered by nobody, but the notification it returns is told (notifications reads it).
      const bounce = deliveryReportOf(parsed.mail);
      return { decision: 'ignored', reason: verdict.reason, ...(bounce ? { bounce } : {}) };
    }
    if (verdict.decision === 'refused')
      return {
        decision: 'refused',
        reason: verdict.reason,
        contactId: verdict.sender?.contactId,
        organisationId: verdict.sender?.organisationId,
        // The notifications service writes the one polite answer naming whom to ask.
        ...(verdict.answer ? { answerSender: true } : {}),
      };
    const sender = verdict.sender;
    const actor = toActor(sender);
    const context: CommandContext = { correlationId: derivedEventId(mailId), causationId: mailId, actor };
    const at = new Date().toISOString();
    const who = { contactId: sender.contactId, organisationId: sender.organisationId };
    try {
      if (verdict.decision === 'ticket_registered') {
        const ticketId = ticketIdFor(mailId);
        const number = await this.register(ticketId, parsed, sender, context);
        for (const contactId of verdict.participants) {
          await this.issue(
            ticketId,
            { type: 'AddParticipant', actor, at, data: { participant: { contactId } } },
            context,
            `${mailId}/cc/${contactId}`,
          );
        }
        await this.attach(ticketId, mailId, parsed, actor, at, context);
        return { decision: 'ticket_registered', ticketId, number, ...who };
      }
      const ticketId = verdict.ticket.id;
      const reason = parsed.mail.reply.slice(0, 2000);
      if (verdict.decision === 'reassessment_requested') {
        try {
          await this.issue(
            ticketId,
            { type: 'RequestReassessment', actor, at, data: { reason } },
            context,
            `${mailId}/reassess`,
          );
          return { decision: 'reassessment_requested', ticketId, number: verdict.ticket.number, ...who };
        } catch (error) {
          // The ticket's rules have the last word (one request at a time, triaged first): the text still counts.
          if (!(error instanceof DomainError)) throw error;
        }
      }
      const commentId = derivedEventId(mailId, 'comment');
      await this.issue(
        ticketId,
        { type: 'AddComment', actor, at, data: { commentId, body: parsed.mail.reply, visibility: 'public' } },
        context,
        `${mailId}/comment`,
      );
      await this.attach(ticketId, mailId, parsed, actor, at, context);
      return { decision: 'comment_added', ticketId, number: verdict.ticket.number, ...who };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { decision: 'refused', reason: error.message, ...who };
    }
  }

  private async register(
    ticketId: string,
    parsed: ParsedMail,
    sender: SenderContact,
    context: CommandContext,
  ) {
    const { mail, fullText } = parsed;
    try {
      const result = await this.commands.execute(
        new RegisterTicketCommand(
          {
            kind: 'question',
            channel: 'email',
            subject: mail.subject.trim().slice(0, 200) || '(no subject)',
            description: fullText.slice(0, 20000) || '(empty mail)',
            organisationId: sender.organisationId,
            reporterId: sender.contactId,
            receivedMail: { messageId: mail.messageId },
          },
          context.actor as never,
          context,
          ticketId,
        ),
      );
      return result.number as string;
    } catch (error) {
      // Filed by an earlier attempt that did not get as far as the mail log.
      if (error instanceof DomainError && error.code === 'ticket_exists') {
        const state = await this.ticketState(ticketId);
        return state.status === 'unregistered' ? undefined : state.number;
      }
      throw error;
    }
  }

  /** The mail's files under the API's limits, and the original as an .eml for agents. */
  private async attach(
    ticketId: string,
    mailId: string,
    parsed: ParsedMail,
    actor: Actor,
    at: string,
    context: CommandContext,
  ) {
    for (const [index, file] of attachableFiles(parsed.files, parsed.original, mailId).entries()) {
      const sha256 = await this.content.put(file.content);
      await this.issue(
        ticketId,
        {
          type: 'AddAttachment',
          actor,
          at,
          data: {
            attachmentId: derivedEventId(mailId, 'file', String(index)),
            fileName: file.fileName,
            contentType: file.contentType,
            size: file.content.length,
            sha256,
          },
        },
        context,
        `${mailId}/file/${index}`,
      );
    }
  }

  /** One ticket command with event ids derived from the mail: issued again, it is a replay. */
  async issue(
    ticketId: string,
    command: ExecuteTicketCommand['command'],
    context: CommandContext,
    key: string,
  ) {
    await this.commands.execute(
      new ExecuteTicketCommand(ticketId, command, context, undefined, (i) => derivedEventId(key, String(i))),
    );
  }

  private async record(
    mailId: string,
    about: Omit<MailRecord, 'mailId' | 'decision'>,
    outcome: Outcome,
    revision = 0,
  ): Promise<MailRecord> {
    const data: MailRecord = { mailId, ...about, ...outcome };
    const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as MailRecord;
    await this.store
      .append(
        mailStream(mailId),
        [
          {
            id: derivedEventId(mailId, 'received', String(revision)),
            type: 'MailReceived',
            data: clean,
            metadata: {
              correlationId: mailId,
              actor: { id: 'mail-in', role: 'system' },
              occurredAt: data.at,
              ...schemaVersionMetadata('MailReceived'),
            },
          },
        ],
        { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 },
      )
      .catch((error) => {
        this.logger.warn(
          `${data.messageId || mailId} was recorded by another receiver first: ${(error as Error).message}`,
        );
      });
    this.logger.log(
      `${data.messageId || mailId} from ${data.from || '?'} via ${data.via}: ${data.decision}${data.reason ? ` (${data.reason})` : ''}`,
    );
    return clean;
  }

  private async ticketOf(thread: ReturnType<typeof threadOf>): Promise<MailTicket | undefined> {
    if (thread.by === 'none') return undefined;
    let ticketId = thread.by === 'reference' ? thread.ticketId : undefined;
    if (thread.by === 'subject') {
      const [view] = await this.tickets.views.find({
        where: { number: thread.number },
        sort: { field: 'id', direction: 'asc' },
        limit: 1,
      });
      ticketId = view?.id;
    }
    if (!ticketId) return undefined;
    const state = await this.ticketState(ticketId);
    return state.status === 'unregistered' ? undefined : state;
  }

  async ticketState(ticketId: string) {
    const events = await this.store.readStream(ticketStream(ticketId));
    return fold(
      ticketDecider,
      events.map((e) => decodeEvent<TicketEvent>(e)),
    );
  }

  private administratorsCache = new Map<string, { name: string; email: string }[]>();

  /** Every contact with one of these addresses, in any organisation (addresses are unique per organisation only). */
  private async contactsOf(emails: string[]): Promise<SenderContact[]> {
    if (emails.length === 0) return [];
    const wanted = new Set(emails);
    const organisations = (await this.directory.views.find({
      sort: { field: 'id', direction: 'asc' },
      limit: 100_000,
    })) as unknown as RegisteredOrganisation[];
    const found: SenderContact[] = [];
    for (const organisation of organisations) {
      this.administratorsCache.set(
        organisation.id,
        activeAdministrators(organisation).map((a) => ({ name: a.name, email: a.email })),
      );
      for (const contact of Object.values(organisation.contacts ?? {})) {
        if (!wanted.has(contact.email.toLowerCase())) continue;
        found.push({
          contactId: contact.id,
          organisationId: organisation.id,
          organisationActive: organisation.status === 'active',
          role: contact.role as SenderContact['role'],
          active: contact.active,
          authorised: contact.authorised,
        });
      }
    }
    return found;
  }

  private async ticketsFiledBy(from: string) {
    const since = new Date(Date.now() - 3600_000).toISOString();
    const filed = await this.log.views.find({
      where: { from, decision: 'ticket_registered' },
      range: { at: { gte: since } },
      sort: { field: 'at', direction: 'desc' },
      limit: 1000,
    });
    return filed.length;
  }
}

type Outcome = Pick<MailRecord, 'decision'> &
  Partial<
    Pick<
      MailRecord,
      'reason' | 'ticketId' | 'number' | 'contactId' | 'organisationId' | 'answerSender' | 'bounce'
    >
  >;

const quarantine = (reason: string): Outcome => ({ decision: 'quarantined', reason });
const toActor = (sender: SenderContact): Actor => ({
  id: sender.contactId,
  role: sender.role,
  organisationId: sender.organisationId,
});
