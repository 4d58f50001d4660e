export { LABELS, type Labels } from './labels';
export { createRenderer, type DeskDetails, type RenderedMessage, type RenderMessage } from './render-message';
export {
  type LanguageTemplates,
  type LayoutTemplate,
  type MessageTemplate,
  TEMPLATES,
  type TemplateSources,
} from './template-sources';
