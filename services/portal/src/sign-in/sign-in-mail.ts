import { randomBytes } from 'node:crypto';
import type { MailTransport } from '@helpdesk/platform';
import { escapeHtml } from '../html/html';
import { i18n } from '../i18n/i18n';
import type { PortalUser } from '../session/session-store';

/** The mail with a sign-in link, in the person's language, through the desk's own mail transport. */
export const sendSignInMail = async (
  transport: MailTransport,
  details: { from: string; deskName: string },
  user: PortalUser,
  link: string,
  ttlMinutes: number,
) => {
  const { t } = i18n(user.language, user.timeZone);
  const text = t('signIn.mailText', { name: user.name, link, minutes: ttlMinutes });
  const messageId = `<sign-in.${randomBytes(12).toString('hex')}@portal.helpdesk>`;
  await transport.send({
    from: details.from,
    to: { email: user.email, name: user.name },
    subject: t('signIn.mailSubject', { desk: details.deskName }),
    text,
    html: `<p>${escapeHtml(text)
      .replace(escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`)
      .replace(/\n/g, '<br>')}</p>`,
    messageId,
    references: messageId,
  });
};
