import type { MessageTemplate } from '../template-sources';

/** The one answer to a mail that was not filed: who can authorise the sender (as the API's 403 says). */
export const mailRefused: MessageTemplate = {
  subject: `Not registered: {{yourSubject}}`,
  text: `We received your e-mail "{{yourSubject}}", but we could not register it as a ticket: {{#if organisationName}}your address is not yet authorised to file tickets for {{organisationName}}.{{else}}your address is not known to us as a contact of an organisation with support.{{/if}}

{{#if administrators.length}}
The administrators of your organisation can authorise you:
{{#each administrators}}
- {{name}} <{{email}}>
{{/each}}
{{else}}
Please ask your organisation's administrator to add you as an authorised contact.
{{/if}}

Once you are authorised, please send your e-mail again. We answer this once a day at most, however many mails arrive.
`,
  html: `<p>We received your e-mail "{{yourSubject}}", but we could not register it as a ticket: {{#if organisationName}}your address is not yet authorised to file tickets for {{organisationName}}.{{else}}your address is not known to us as a contact of an organisation with support.{{/if}}</p>
{{#if administrators.length}}
<p>The administrators of your organisation can authorise you:</p>
<ul>
{{#each administrators}}
<li>{{name}} &lt;<a href="mailto:{{email}}">{{email}}</a>&gt;</li>
{{/each}}
</ul>
{{else}}
<p>Please ask your organisation's administrator to add you as an authorised contact.</p>
{{/if}}
<p>Once you are authorised, please send your e-mail again. We answer this once a day at most, however many mails arrive.</p>
`,
};
