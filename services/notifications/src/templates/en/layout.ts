import type { LayoutTemplate } from '../template-sources';

/** Wraps every message body: greeting, sign-off, and the reference with the portal link. */
export const layout: LayoutTemplate = {
  text: `{{#if recipientName}}Dear {{recipientName}},{{else}}Hello,{{/if}}

{{body}}

Kind regards,
{{desk.name}}

{{#if ticket}}
--
{{ticket.number}}: {{ticket.subject}}
Follow this ticket in the support portal: {{desk.portalUrl}}
{{/if}}
`,
  html: `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{subject}}</title>
</head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.5; color: #222222;">
<p>{{#if recipientName}}Dear {{recipientName}},{{else}}Hello,{{/if}}</p>
{{{body}}}
<p>Kind regards,<br>{{desk.name}}</p>
{{#if ticket}}
<hr>
<p style="font-size: 12px; color: #666666;">{{ticket.number}}: {{ticket.subject}}<br>
Follow this ticket in the <a href="{{desk.portalUrl}}">support portal</a>.</p>
{{/if}}
</body>
</html>
`,
};
