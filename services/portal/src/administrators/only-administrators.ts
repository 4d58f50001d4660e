import { html } from '../html/html';
import type { PortalRoute } from '../portal-app';

/** Pages of an organisation's administrators (the desk refuses the rest too; this says so in words). */
export const onlyAdministrators =
  (handler: PortalRoute['handler']): PortalRoute['handler'] =>
  async (context) => {
    if (context.session!.user.role !== 'customer_admin')
      return context.render(
        {
          title: context.i18n.t('error.title'),
          notices: [{ kind: 'error', text: context.i18n.t('error.forbidden') }],
          body: html``,
        },
        403,
      );
    await handler(context);
  };
