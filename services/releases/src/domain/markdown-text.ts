// Characters that would start emphasis, code, links, HTML, tables or strikethrough mid-line.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>~|&#!]/g;

/**
 * Plain text, such as a ticket title a customer typed, made safe inside one Markdown line:
 * line breaks collapse (a title must not start a heading or list) and markup is escaped.
 */
export const markdownText = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
