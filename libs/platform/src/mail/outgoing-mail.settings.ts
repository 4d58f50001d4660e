import { type ConfigOf, loadConfig, parse } from '../config/config';
import type { Mode } from '../runtime/runtime.settings';

/**
 * How the desk sends mail and names itself in it: the notifications service's messages and the
 * portal's sign-in links go out the same way, from the same sender, so both read these settings.
 */
export const outgoingMailSchema = (mode: Mode, env: NodeJS.ProcessEnv) => {
  const transport = env.MAIL_TRANSPORT || (mode === 'standalone' ? 'outbox' : 'smtp');
  return {
    MAIL_TRANSPORT: {
      description: 'smtp, or outbox (.eml files under DATA_DIR/outbox)',
      default: transport,
      parse: parse.oneOf('smtp', 'outbox'),
    },
    SMTP_URL: {
      description: 'the mail server, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@mail.example.com',
      ...(transport === 'smtp' ? {} : { default: 'smtp://127.0.0.1:25' }),
      parse: parse.url('smtp', 'smtps'),
    },
    MAIL_FROM: {
      description: 'the sender of every message',
      default: 'Helpdesk <helpdesk@vendor.example>',
      parse: parse.string,
    },
    DESK_NAME: { description: 'the desk’s name in messages', default: 'Helpdesk', parse: parse.string },
    DESK_HOTLINE: {
      description: 'the phone number outage reporters are asked to call',
      default: '+31 20 123 4567',
      parse: parse.string,
    },
    PORTAL_URL: {
      description: 'the support portal named in messages',
      default: 'https://support.vendor.example',
      parse: parse.url('http', 'https'),
    },
    AGENT_EMAIL_DOMAIN: {
      description: 'agents are mailed at <agentId>@<this domain>',
      default: 'vendor.example',
      parse: parse.string,
    },
  };
};

export interface OutgoingMailSettings {
  /** SMTP (distributed) or .eml files under DATA_DIR/outbox (standalone). */
  transport: { kind: 'smtp'; url: string } | { kind: 'outbox' };
  from: string;
  desk: { name: string; hotline: string; portalUrl: string };
  /** Agents' mailboxes: `<agentId>@<domain>`. */
  agentEmailDomain: string;
}

export const outgoingMailSettingsOf = (
  config: ConfigOf<ReturnType<typeof outgoingMailSchema>>,
): OutgoingMailSettings => ({
  transport: config.MAIL_TRANSPORT === 'smtp' ? { kind: 'smtp', url: config.SMTP_URL } : { kind: 'outbox' },
  from: config.MAIL_FROM,
  desk: { name: config.DESK_NAME, hotline: config.DESK_HOTLINE, portalUrl: config.PORTAL_URL },
  agentEmailDomain: config.AGENT_EMAIL_DOMAIN,
});

/** The outgoing-mail settings alone, for a process that sends mail but no notifications. */
export const loadOutgoingMailSettings = (mode: Mode, env: NodeJS.ProcessEnv = process.env) =>
  outgoingMailSettingsOf(loadConfig(outgoingMailSchema(mode, env), env));
