import type { MessageTemplate } from '../template-sources';

/** To the assigned agent and the support lead mailbox: an SLA warning or breach. */
export const slaAlert: MessageTemplate = {
  subject: `{{#if breached}}SLA overschreden{{else}}SLA-waarschuwing{{#if percentElapsed}} ({{percentElapsed}}%){{/if}}{{/if}}: {{label "metric" metric}} – {{ticket.subject}}`,
  text: `{{#if breached}}
De {{label "metric" metric}} van melding {{ticket.number}} is overschreden: die liep af op {{dateTime dueAt}}.
{{else}}
{{#if percentElapsed}}Van de {{label "metric" metric}} van melding {{ticket.number}} is {{percentElapsed}}% verstreken.{{else}}De {{label "metric" metric}} van melding {{ticket.number}} loopt bijna af.{{/if}} De termijn verloopt op {{dateTime dueAt}}.
{{/if}}

Melding: {{ticket.number}} – {{ticket.subject}}
Prioriteit: {{#if priority}}{{label "priority" priority}}{{else}}nog niet beoordeeld{{/if}}
`,
  html: `{{#if breached}}
<p>De {{label "metric" metric}} van melding <strong>{{ticket.number}}</strong> is <strong>overschreden</strong>: die liep af op {{dateTime dueAt}}.</p>
{{else}}
<p>{{#if percentElapsed}}Van de {{label "metric" metric}} van melding <strong>{{ticket.number}}</strong> is {{percentElapsed}}% verstreken.{{else}}De {{label "metric" metric}} van melding <strong>{{ticket.number}}</strong> loopt bijna af.{{/if}} De termijn verloopt op <strong>{{dateTime dueAt}}</strong>.</p>
{{/if}}
<p>Melding: {{ticket.number}} – {{ticket.subject}}<br>
Prioriteit: {{#if priority}}{{label "priority" priority}}{{else}}nog niet beoordeeld{{/if}}</p>
`,
};
