import { html } from '../html/html';
import type { PageHandler, RequestContext } from '../http/request-context';

/** Agents' pages refuse everyone else before calling the desk (which would refuse them too). */
export const agentOnly =
  (handler: PageHandler): PageHandler =>
  async (context: RequestContext) => {
    if (context.session?.user.role === 'agent') return handler(context);
    const { t } = context.i18n;
    context.render(
      { title: t('error.title'), body: html`<p role="alert">${t('agent.agentsOnly')}</p>` },
      403,
    );
  };
