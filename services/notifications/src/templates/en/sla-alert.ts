import type { MessageTemplate } from '../template-sources';

/** To the assigned agent and the support lead mailbox: an SLA warning or breach. */
export const slaAlert: MessageTemplate = {
  subject: `{{#if breached}}SLA breached{{else}}SLA warning{{#if percentElapsed}} ({{percentElapsed}}%){{/if}}{{/if}}: {{label "metric" metric}} – {{ticket.subject}}`,
  text: `{{#if breached}}
The {{label "metric" metric}} of ticket {{ticket.number}} has been exceeded: it ran out on {{dateTime dueAt}}.
{{else}}
{{#if percentElapsed}}{{percentElapsed}}% of the {{label "metric" metric}} of ticket {{ticket.number}} has passed.{{else}}The {{label "metric" metric}} of ticket {{ticket.number}} is running out.{{/if}} It runs out on {{dateTime dueAt}}.
{{/if}}

Ticket: {{ticket.number}} – {{ticket.subject}}
Priority: {{#if priority}}{{label "priority" priority}}{{else}}not assessed yet{{/if}}
`,
  html: `{{#if breached}}
<p>The {{label "metric" metric}} of ticket <strong>{{ticket.number}}</strong> has been <strong>exceeded</strong>: it ran out on {{dateTime dueAt}}.</p>
{{else}}
<p>{{#if percentElapsed}}{{percentElapsed}}% of the {{label "metric" metric}} of ticket <strong>{{ticket.number}}</strong> has passed.{{else}}The {{label "metric" metric}} of ticket <strong>{{ticket.number}}</strong> is running out.{{/if}} It runs out on <strong>{{dateTime dueAt}}</strong>.</p>
{{/if}}
<p>Ticket: {{ticket.number}} – {{ticket.subject}}<br>
Priority: {{#if priority}}{{label "priority" priority}}{{else}}not assessed yet{{/if}}</p>
`,
};
