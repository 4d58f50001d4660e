import type { MailLimits } from './incoming-mail';

/** Why a raw message is kept for an agent instead of being read, or undefined. Checked before parsing. */
export const oversizeReason = (size: number, limits: MailLimits): string | undefined =>
  size > limits.maxBytes ? `${size} bytes is more than the ${limits.maxBytes} a mail may have` : undefined;

export const recipientsReason = (recipients: number, limits: MailLimits): string | undefined =>
  recipients > limits.maxRecipients
    ? `${recipients} recipients is more than the ${limits.maxRecipients} a mail may have`
    : undefined;

/** A header value with a line break in it was not decoded from a real header: someone is injecting. */
export const headerInjectionReason = (values: Record<string, string | undefined>): string | undefined => {
  const found = Object.entries(values).find(([, value]) => value !== undefined && /[\r\n]/.test(value));
  return found ? `the ${found[0]} holds a line break (header injection)` : undefined;
};
