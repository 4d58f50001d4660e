import type { MessageTemplate } from '../template-sources';

/** To the reporter on registration: the reference and what happens next. */
export const ticketRegistered: MessageTemplate = {
  subject: `Ontvangen: {{ticket.subject}}`,
  text: `Wij hebben uw melding ontvangen en geregistreerd onder nummer {{ticket.number}}. Wilt u dit nummer vermelden wanneer u over deze melding contact met ons opneemt?

Onderwerp: {{ticket.subject}}
Soort melding: {{label "kind" kind}}
Uw omschrijving:
{{description}}

Hoe gaat het verder?
{{#if isWish}}
Wij bekijken uw wens voor het product. Wanneer een wens precies wordt vervuld, kunnen wij niet altijd aangeven; u hoort van ons zodra wij de wens accepteren of afwijzen.
{{else}}
Een supportmedewerker beoordeelt uw melding en kent er een prioriteit aan toe. Die prioriteit bepaalt hoe snel wij de melding afhandelen. Bij elke statuswijziging ontvangt u een e-mail, en in het klantportaal kunt u de afhandeling volgen en aanvullende informatie toevoegen.
{{/if}}
{{#if isOutage}}

Is de productie verstoord of ligt die stil? Neem dan naast deze melding ook direct telefonisch contact met ons op via {{desk.hotline}}, zodat wij meteen aan de slag kunnen.
{{/if}}
`,
  html: `<p>Wij hebben uw melding ontvangen en geregistreerd onder nummer <strong>{{ticket.number}}</strong>. Wilt u dit nummer vermelden wanneer u over deze melding contact met ons opneemt?</p>
{{#if isOutage}}
<p style="padding: 8px; border-left: 4px solid #c0392b;"><strong>Is de productie verstoord of ligt die stil?</strong> Neem dan naast deze melding ook direct telefonisch contact met ons op via <strong>{{desk.hotline}}</strong>, zodat wij meteen aan de slag kunnen.</p>
{{/if}}
<p>Onderwerp: {{ticket.subject}}<br>Soort melding: {{label "kind" kind}}</p>
<p>Uw omschrijving:<br>{{paragraphs description}}</p>
<h3>Hoe gaat het verder?</h3>
{{#if isWish}}
<p>Wij bekijken uw wens voor het product. Wanneer een wens precies wordt vervuld, kunnen wij niet altijd aangeven; u hoort van ons zodra wij de wens accepteren of afwijzen.</p>
{{else}}
<p>Een supportmedewerker beoordeelt uw melding en kent er een prioriteit aan toe. Die prioriteit bepaalt hoe snel wij de melding afhandelen. Bij elke statuswijziging ontvangt u een e-mail, en in het klantportaal kunt u de afhandeling volgen en aanvullende informatie toevoegen.</p>
{{/if}}
`,
};
