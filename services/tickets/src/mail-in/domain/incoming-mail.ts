/** A received message as the receiver parsed it: only what the decisions need. */
export interface IncomingMail {
  messageId: string;
  /** The sender's address, lower case. */
  from: string;
  fromName?: string;
  /** Every address in To and Cc, lower case. */
  to: string[];
  cc: string[];
  subject: string;
  /** The new text of the mail: quoted history and signature stripped, HTML made text. */
  reply: string;
  /** Header names lower case; the first value of each. */
  headers: Record<string, string>;
  inReplyTo?: string;
  references: string[];
  /** A delivery status notification's machine-readable parts, as text. */
  report?: { deliveryStatus: string; returnedHeaders: string };
}

/** The limits a mail is held to before anything else is decided. */
export interface MailLimits {
  maxBytes: number;
  maxRecipients: number;
}
