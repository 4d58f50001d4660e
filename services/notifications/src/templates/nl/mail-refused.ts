import type { MessageTemplate } from '../template-sources';

/** Het ene antwoord op een mail die niet is geregistreerd: wie de afzender kan machtigen. */
export const mailRefused: MessageTemplate = {
  subject: `Niet geregistreerd: {{yourSubject}}`,
  text: `We hebben uw e-mail "{{yourSubject}}" ontvangen, maar konden die niet als melding registreren: {{#if organisationName}}uw adres is nog niet gemachtigd om meldingen in te dienen voor {{organisationName}}.{{else}}uw adres is bij ons niet bekend als contactpersoon van een organisatie met support.{{/if}}

{{#if administrators.length}}
De beheerders van uw organisatie kunnen u machtigen:
{{#each administrators}}
- {{name}} <{{email}}>
{{/each}}
{{else}}
Vraag de beheerder van uw organisatie u toe te voegen als gemachtigde contactpersoon.
{{/if}}

Stuur uw e-mail opnieuw zodra u gemachtigd bent. We sturen dit antwoord hooguit één keer per dag, hoeveel mails er ook binnenkomen.
`,
  html: `<p>We hebben uw e-mail "{{yourSubject}}" ontvangen, maar konden die niet als melding registreren: {{#if organisationName}}uw adres is nog niet gemachtigd om meldingen in te dienen voor {{organisationName}}.{{else}}uw adres is bij ons niet bekend als contactpersoon van een organisatie met support.{{/if}}</p>
{{#if administrators.length}}
<p>De beheerders van uw organisatie kunnen u machtigen:</p>
<ul>
{{#each administrators}}
<li>{{name}} &lt;<a href="mailto:{{email}}">{{email}}</a>&gt;</li>
{{/each}}
</ul>
{{else}}
<p>Vraag de beheerder van uw organisatie u toe te voegen als gemachtigde contactpersoon.</p>
{{/if}}
<p>Stuur uw e-mail opnieuw zodra u gemachtigd bent. We sturen dit antwoord hooguit één keer per dag, hoeveel mails er ook binnenkomen.</p>
`,
};
