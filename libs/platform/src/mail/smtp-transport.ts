import { createTransport, type Transporter } from 'nodemailer';
import { DeliveryRefused, type MailTransport, type OutgoingMail } from './mail-transport';
import { nodemailerMessage } from './nodemailer-message';

/**
 * Delivery over SMTP. A 5xx answer is a refusal for good; a 4xx answer, or a server that cannot
 * be reached or drops the connection, is worth trying again later.
 */
export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    // A server that does not answer is a temporary failure, not a dispatcher stuck for minutes.
    this.transporter = createTransport({
      url,
      connectionTimeout: 10000,
      greetingTimeout: 10000,
      socketTimeout: 30000,
    });
  }

  async send(mail: OutgoingMail) {
    try {
      await this.transporter.sendMail(nodemailerMessage(mail));
    } catch (error) {
      throw classify(error);
    }
  }

  /** What went out over SMTP is the recipient's copy now: there is nothing of ours to drop. */
  async forget() {}

  async close() {
    this.transporter.close();
  }
}

export const classify = (error: unknown): DeliveryRefused => {
  const { responseCode, message } = error as { responseCode?: number; message?: string };
  const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  return new DeliveryRefused(message ?? String(error), permanent);
};
