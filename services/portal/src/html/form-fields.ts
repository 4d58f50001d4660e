import { html, type Html } from './html';

export interface FieldOptions {
  name: string;
  label: string;
  hint?: string;
  /** What the person typed last time (a form shown again after a refusal keeps it). */
  value?: string;
  error?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'tel' | 'file';
  maxLength?: number;
}

const describedBy = (options: FieldOptions) =>
  [options.hint ? `${options.name}-hint` : '', options.error ? `${options.name}-error` : '']
    .filter(Boolean)
    .join(' ');

const label = (options: FieldOptions) =>
  html`<label for="${options.name}"
    >${options.label}${
      options.hint ? html`<span class="hint" id="${options.name}-hint">${options.hint}</span>` : ''
    }</label
  >`;

const errorOf = (options: FieldOptions) =>
  options.error ? html`<p class="field-error" id="${options.name}-error">${options.error}</p>` : '';

const aria = (options: FieldOptions) => {
  const ids = describedBy(options);
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${options.error ? html` aria-invalid="true"` : ''}${options.required ? html` required` : ''}`;
};

/** A labelled input with its hint and error, tied together for screen readers. */
export const inputField = (options: FieldOptions): Html =>
  html`${label(options)}<input
      id="${options.name}"
      name="${options.name}"
      type="${options.type ?? 'text'}"
      ${options.type === 'file' ? '' : html` value="${options.value ?? ''}"`}${options.maxLength ? html` maxlength="${options.maxLength}"` : ''}${aria(options)}
    />${errorOf(options)}`;

export const textareaField = (options: FieldOptions): Html =>
  html`${label(options)}<textarea id="${options.name}" name="${options.name}" ${aria(options)}>
${options.value ?? ''}</textarea
    >${errorOf(options)}`;

export const selectField = (
  options: FieldOptions & { choices: Array<{ value: string; label: string }> },
): Html =>
  html`${label(options)}<select id="${options.name}" name="${options.name}" ${aria(options)}>
      ${options.choices.map(
        (choice) =>
          html`<option value="${choice.value}" ${choice.value === options.value ? html` selected` : ''}>
            ${choice.label}
          </option>`,
      )}</select
    >${errorOf(options)}`;

/** The hidden field every signed-in form carries. */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}" />`;
