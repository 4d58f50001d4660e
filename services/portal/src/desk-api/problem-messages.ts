import type { ProblemDetails } from '@helpdesk/platform';
import type { Translate } from '../i18n/i18n';

/** What the page says about a refusal: one sentence for the person, and the fields to correct. */
export interface ProblemMessage {
  message: string;
  fieldErrors: Record<string, string>;
}

interface Administrator {
  name: string;
  email?: string;
}

/**
 * Turns the desk's problem+json into words a person can act on: whom to ask (403), that someone
 * else was quicker (412, a 409 race) or what the current state allows (other 409s), that a file is too large (413), which fields to correct (400/422).
 */
export const problemMessage = (problem: ProblemDetails, t: Translate): ProblemMessage => {
  const fieldErrors = Object.fromEntries((problem.errors ?? []).map((error) => [error.field, error.reason]));
  switch (problem.status) {
    case 403: {
      const names = administratorsOf(problem)
        .map((admin) => (admin.email ? `${admin.name} (${admin.email})` : admin.name))
        .join(', ');
      return { message: names ? t('error.forbiddenAsk', { names }) : t('error.forbidden'), fieldErrors };
    }
    case 404:
      return { message: t('error.notFound'), fieldErrors };
    case 412:
      return { message: t('error.conflict'), fieldErrors };
    case 409:
      // A 409 is either a race (the event store's) or a rule of the current state, whose own
      // sentence says what to do first (e.g. "make another contact administrator").
      return {
        message: problem.type.endsWith('/concurrent-modification')
          ? t('error.conflict')
          : t('error.notNow', { detail: problem.detail }),
        fieldErrors,
      };
    case 413:
      return { message: t('error.tooLarge'), fieldErrors };
    case 400:
    case 422:
      return {
        message: Object.keys(fieldErrors).length
          ? t('error.invalid')
          : t('error.unknown', { detail: problem.detail }),
        fieldErrors,
      };
    case 502:
    case 503:
    case 504:
      return { message: t('error.unavailable'), fieldErrors };
    default:
      return { message: t('error.unknown', { detail: problem.detail }), fieldErrors };
  }
};

/** The administrators a 403 names: an `administrators` member if the desk sent one. */
const administratorsOf = (problem: ProblemDetails): Administrator[] => {
  const listed = problem.administrators;
  if (!Array.isArray(listed)) return [];
  return listed.filter(
    (admin): admin is Administrator =>
      typeof admin === 'object' && admin !== null && typeof admin.name === 'string',
  );
};
