/** A message ready for the wire: what every transport sends. */
export interface OutgoingMail {
  from: string;
  to: { email: string; name?: string };
  subject: string;
  text: string;
  html: string;
  /** Derived from event and recipient: a repeat is recognisable as the same message. */
  messageId: string;
  /** The ticket's thread. */
  references: string;
  /** The recipient's own mail this one answers. */
  inReplyTo?: string;
}

/** How mail leaves the service: SMTP, or .eml files in standalone mode. */
export interface MailTransport {
  /** Resolves once the message was accepted; throws DeliveryRefused otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Drops the copy the transport itself keeps of a sent message, if it keeps one (the outbox
   * does; a mail server's copy is the recipient's): an erased person's mail.
   */
  forget(messageId: string): Promise<void>;
  close(): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** The message was not accepted: for now (try again later) or for good. */
export class DeliveryRefused extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryRefused';
  }
}
