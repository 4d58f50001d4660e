import type { TemplateId } from '../domain/notification';
import type { Language } from '../domain/recipients';
import { english } from './en';
import { dutch } from './nl';

/**
 * Handlebars sources as TypeScript strings rather than .hbs files: they need no file system
 * at run time, and the formatter leaves a template literal alone where it would reflow an
 * .hbs file and change what plain-text readers see.
 */
export interface MessageTemplate {
  /** One line; the renderer puts `[HD-12345] ` in front. */
  subject: string;
  text: string;
  /** A fragment: the layout wraps it in the document. */
  html: string;
}

/** `body` is the rendered message template. */
export interface LayoutTemplate {
  text: string;
  html: string;
}

export type LanguageTemplates = { layout: LayoutTemplate } & Record<TemplateId, MessageTemplate>;

export type TemplateSources = Record<Language, LanguageTemplates>;

export const TEMPLATES: TemplateSources = { en: english, nl: dutch };
