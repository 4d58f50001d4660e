import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../domain/recipients';
import type { TemplateSources } from './render-message';

/**
 * Reads `<language>/<name>.<part>.hbs` next to this file; the build copies the .hbs files
 * to dist beside the compiled code, so the same path works from sources and from the build.
 */
export const loadTemplates = (directory: string = __dirname): TemplateSources => {
  const sources: Record<string, string> = {};
  for (const language of LANGUAGES) {
    for (const file of readdirSync(join(directory, language))) {
      if (!file.endsWith('.hbs')) continue;
      sources[`${language}/${file.slice(0, -'.hbs'.length)}`] = readFileSync(
        join(directory, language, file),
        'utf8',
      );
    }
  }
  return sources;
};
