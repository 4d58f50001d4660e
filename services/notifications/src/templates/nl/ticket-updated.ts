import type { MessageTemplate } from '../template-sources';

/** To the reporter and participants: one command's status, priority, public comment or shipped fix. */
export const ticketUpdated: MessageTemplate = {
  subject: `{{ticket.subject}} – {{#if fixReleased}}oplossing uitgeleverd{{else if status}}{{label "status" status.to}}{{else if priority}}prioriteit {{priority.to}}{{else}}nieuwe reactie{{/if}}`,
  text: `Er is nieuws over uw melding {{ticket.number}}.
{{#if comment}}

{{#if comment.fromSupport}}Onze supportafdeling schreef:{{else}}{{#if comment.authorName}}{{comment.authorName}}{{else}}Een collega{{/if}} schreef:{{/if}}

{{comment.body}}
{{/if}}
{{#if fixReleased}}

De oplossing voor deze melding is uitgeleverd in versie {{fixReleased.version}}.
{{/if}}
{{#with status}}

Status: {{label "status" to}} (was: {{label "status" from}})
{{#if question}}
Onze vraag aan u: {{question}}
Wilt u deze vraag beantwoorden in het klantportaal?
{{/if}}
{{#if thirdParty}}
Wij wachten op {{thirdParty}}.
{{/if}}
{{#if workaround}}
Tijdelijke oplossing (workaround): {{workaround}}
{{/if}}
{{#if fix}}
De oplossing is ingepland in release {{fix.version}} van {{date fix.plannedDate}}.
{{/if}}
{{#if resolution}}
Oplossing: {{resolution}}
Is uw probleem hiermee verholpen, dan hoeft u niets te doen. Zo niet, dan kunt u de melding in het klantportaal heropenen.
{{/if}}
{{#if closedAutomatically}}
De melding is automatisch gesloten, omdat wij na het oplossen niets meer van u hebben gehoord.
{{/if}}
{{#if reason}}
Reden: {{reason}}
{{/if}}
{{/with}}
{{#with priority}}

Prioriteit: {{label "priority" to}}{{#if from}} (was: {{from}}){{/if}}
{{#if reason}}
Reden: {{reason}}
{{/if}}
{{/with}}
`,
  html: `<p>Er is nieuws over uw melding <strong>{{ticket.number}}</strong>.</p>
{{#if comment}}
<p>{{#if comment.fromSupport}}Onze supportafdeling schreef:{{else}}{{#if comment.authorName}}{{comment.authorName}}{{else}}Een collega{{/if}} schreef:{{/if}}</p>
<blockquote style="margin: 0 0 1em; padding-left: 12px; border-left: 3px solid #cccccc;">{{paragraphs comment.body}}</blockquote>
{{/if}}
{{#if fixReleased}}
<p>De oplossing voor deze melding is uitgeleverd in versie <strong>{{fixReleased.version}}</strong>.</p>
{{/if}}
{{#with status}}
<p>Status: <strong>{{label "status" to}}</strong> (was: {{label "status" from}})</p>
{{#if question}}
<p>Onze vraag aan u:<br>{{paragraphs question}}</p>
<p>Wilt u deze vraag beantwoorden in het klantportaal?</p>
{{/if}}
{{#if thirdParty}}
<p>Wij wachten op {{thirdParty}}.</p>
{{/if}}
{{#if workaround}}
<p>Tijdelijke oplossing (workaround):<br>{{paragraphs workaround}}</p>
{{/if}}
{{#if fix}}
<p>De oplossing is ingepland in release {{fix.version}} van {{date fix.plannedDate}}.</p>
{{/if}}
{{#if resolution}}
<p>Oplossing:<br>{{paragraphs resolution}}</p>
<p>Is uw probleem hiermee verholpen, dan hoeft u niets te doen. Zo niet, dan kunt u de melding in het klantportaal heropenen.</p>
{{/if}}
{{#if closedAutomatically}}
<p>De melding is automatisch gesloten, omdat wij na het oplossen niets meer van u hebben gehoord.</p>
{{/if}}
{{#if reason}}
<p>Reden: {{reason}}</p>
{{/if}}
{{/with}}
{{#with priority}}
<p>Prioriteit: <strong>{{label "priority" to}}</strong>{{#if from}} (was: {{from}}){{/if}}</p>
{{#if reason}}
<p>Reden: {{reason}}</p>
{{/if}}
{{/with}}
`,
};
