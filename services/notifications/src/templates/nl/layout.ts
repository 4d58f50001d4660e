import type { LayoutTemplate } from '../template-sources';

/** Wraps every message body: greeting, sign-off, and the reference with the portal link. */
export const layout: LayoutTemplate = {
  text: `{{#if recipientName}}Beste {{recipientName}},{{else}}Goedendag,{{/if}}

{{body}}

Met vriendelijke groet,
{{desk.name}}

{{#if ticket}}
--
{{ticket.number}}: {{ticket.subject}}
Volg deze melding in het klantportaal: {{desk.portalUrl}}
{{/if}}
`,
  html: `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{{subject}}</title>
</head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.5; color: #222222;">
<p>{{#if recipientName}}Beste {{recipientName}},{{else}}Goedendag,{{/if}}</p>
{{{body}}}
<p>Met vriendelijke groet,<br>{{desk.name}}</p>
{{#if ticket}}
<hr>
<p style="font-size: 12px; color: #666666;">{{ticket.number}}: {{ticket.subject}}<br>
Volg deze melding in het <a href="{{desk.portalUrl}}">klantportaal</a>.</p>
{{/if}}
</body>
</html>
`,
};
