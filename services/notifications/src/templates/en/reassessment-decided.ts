import type { MessageTemplate } from '../template-sources';

/** To whoever asked for the priority to be reassessed. */
export const reassessmentDecided: MessageTemplate = {
  subject: `{{ticket.subject}} – priority reassessment {{#if accepted}}accepted{{else}}declined{{/if}}`,
  text: `{{#if accepted}}
As you asked, we have reassessed the priority of ticket {{ticket.number}} and changed it from {{label "priority" from}} to {{label "priority" to}}.
{{else}}
As you asked, we have reassessed the priority of ticket {{ticket.number}}. It stays {{#if currentPriority}}{{label "priority" currentPriority}}{{else}}as it is{{/if}}.
{{/if}}

Reason: {{reason}}
`,
  html: `{{#if accepted}}
<p>As you asked, we have reassessed the priority of ticket <strong>{{ticket.number}}</strong> and changed it from {{label "priority" from}} to <strong>{{label "priority" to}}</strong>.</p>
{{else}}
<p>As you asked, we have reassessed the priority of ticket <strong>{{ticket.number}}</strong>. It stays {{#if currentPriority}}<strong>{{label "priority" currentPriority}}</strong>{{else}}as it is{{/if}}.</p>
{{/if}}
<p>Reason: {{reason}}</p>
`,
};
