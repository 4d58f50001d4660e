import type { MessageTemplate } from '../template-sources';

/** To whoever asked for the priority to be reassessed. */
export const reassessmentDecided: MessageTemplate = {
  subject: `{{ticket.subject}} – herbeoordeling prioriteit {{#if accepted}}toegekend{{else}}afgewezen{{/if}}`,
  text: `{{#if accepted}}
Op uw verzoek hebben wij de prioriteit van melding {{ticket.number}} opnieuw beoordeeld en gewijzigd van {{label "priority" from}} in {{label "priority" to}}.
{{else}}
Op uw verzoek hebben wij de prioriteit van melding {{ticket.number}} opnieuw beoordeeld. De prioriteit blijft {{#if currentPriority}}{{label "priority" currentPriority}}{{else}}ongewijzigd{{/if}}.
{{/if}}

Toelichting: {{reason}}
`,
  html: `{{#if accepted}}
<p>Op uw verzoek hebben wij de prioriteit van melding <strong>{{ticket.number}}</strong> opnieuw beoordeeld en gewijzigd van {{label "priority" from}} in <strong>{{label "priority" to}}</strong>.</p>
{{else}}
<p>Op uw verzoek hebben wij de prioriteit van melding <strong>{{ticket.number}}</strong> opnieuw beoordeeld. De prioriteit blijft {{#if currentPriority}}<strong>{{label "priority" currentPriority}}</strong>{{else}}ongewijzigd{{/if}}.</p>
{{/if}}
<p>Toelichting: {{reason}}</p>
`,
};
