import type { MessageTemplate } from '../template-sources';

/** To the reporter on registration: the reference and what happens next. */
export const ticketRegistered: MessageTemplate = {
  subject: `Received: {{ticket.subject}}`,
  text: `We have received your ticket and registered it as {{ticket.number}}. Please mention this reference whenever you contact us about it.

Subject: {{ticket.subject}}
Type: {{label "kind" kind}}
Your description:
{{description}}

What happens next
{{#if isWish}}
We will review your wish for the product. We cannot always say when a wish will be fulfilled; you will hear from us when we accept or decline it.
{{else}}
A support specialist assesses your ticket and gives it a priority, which determines how quickly we handle it. You will receive an e-mail at every status change, and in the support portal you can follow the ticket and add information.
{{/if}}
{{#if isOutage}}

Is production disturbed or down? Then please also call our hotline on {{desk.hotline}} right away, so that we can start at once.
{{/if}}
`,
  html: `<p>We have received your ticket and registered it as <strong>{{ticket.number}}</strong>. Please mention this reference whenever you contact us about it.</p>
{{#if isOutage}}
<p style="padding: 8px; border-left: 4px solid #c0392b;"><strong>Is production disturbed or down?</strong> Then please also call our hotline on <strong>{{desk.hotline}}</strong> right away, so that we can start at once.</p>
{{/if}}
<p>Subject: {{ticket.subject}}<br>Type: {{label "kind" kind}}</p>
<p>Your description:<br>{{paragraphs description}}</p>
<h3>What happens next</h3>
{{#if isWish}}
<p>We will review your wish for the product. We cannot always say when a wish will be fulfilled; you will hear from us when we accept or decline it.</p>
{{else}}
<p>A support specialist assesses your ticket and gives it a priority, which determines how quickly we handle it. You will receive an e-mail at every status change, and in the support portal you can follow the ticket and add information.</p>
{{/if}}
`,
};
