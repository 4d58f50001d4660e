import type { MessageTemplate } from '../template-sources';

/** To the reporter and participants: one command's status, priority, public comment or shipped fix. */
export const ticketUpdated: MessageTemplate = {
  subject: `{{ticket.subject}} – {{#if fixReleased}}fix released{{else if status}}{{label "status" status.to}}{{else if priority}}priority {{priority.to}}{{else}}new reply{{/if}}`,
  text: `There is news about your ticket {{ticket.number}}.
{{#if comment}}

{{#if comment.fromSupport}}Our support team wrote:{{else}}{{#if comment.authorName}}{{comment.authorName}}{{else}}A colleague{{/if}} wrote:{{/if}}

{{comment.body}}
{{/if}}
{{#if fixReleased}}

The fix for this ticket has been released in version {{fixReleased.version}}.
{{/if}}
{{#with status}}

Status: {{label "status" to}} (was: {{label "status" from}})
{{#if question}}
Our question to you: {{question}}
Please answer it in the support portal.
{{/if}}
{{#if thirdParty}}
We are waiting for {{thirdParty}}.
{{/if}}
{{#if workaround}}
Workaround: {{workaround}}
{{/if}}
{{#if fix}}
The fix is planned for release {{fix.version}} of {{date fix.plannedDate}}.
{{/if}}
{{#if resolution}}
Resolution: {{resolution}}
If this solves your problem, there is nothing you need to do. If not, you can reopen the ticket in the support portal.
{{/if}}
{{#if closedAutomatically}}
The ticket was closed automatically because we heard nothing more after it was resolved.
{{/if}}
{{#if reason}}
Reason: {{reason}}
{{/if}}
{{/with}}
{{#with priority}}

Priority: {{label "priority" to}}{{#if from}} (was: {{from}}){{/if}}
{{#if reason}}
Reason: {{reason}}
{{/if}}
{{/with}}
`,
  html: `<p>There is news about your ticket <strong>{{ticket.number}}</strong>.</p>
{{#if comment}}
<p>{{#if comment.fromSupport}}Our support team wrote:{{else}}{{#if comment.authorName}}{{comment.authorName}}{{else}}A colleague{{/if}} wrote:{{/if}}</p>
<blockquote style="margin: 0 0 1em; padding-left: 12px; border-left: 3px solid #cccccc;">{{paragraphs comment.body}}</blockquote>
{{/if}}
{{#if fixReleased}}
<p>The fix for this ticket has been released in version <strong>{{fixReleased.version}}</strong>.</p>
{{/if}}
{{#with status}}
<p>Status: <strong>{{label "status" to}}</strong> (was: {{label "status" from}})</p>
{{#if question}}
<p>Our question to you:<br>{{paragraphs question}}</p>
<p>Please answer it in the support portal.</p>
{{/if}}
{{#if thirdParty}}
<p>We are waiting for {{thirdParty}}.</p>
{{/if}}
{{#if workaround}}
<p>Workaround:<br>{{paragraphs workaround}}</p>
{{/if}}
{{#if fix}}
<p>The fix is planned for release {{fix.version}} of {{date fix.plannedDate}}.</p>
{{/if}}
{{#if resolution}}
<p>Resolution:<br>{{paragraphs resolution}}</p>
<p>If this solves your problem, there is nothing you need to do. If not, you can reopen the ticket in the support portal.</p>
{{/if}}
{{#if closedAutomatically}}
<p>The ticket was closed automatically because we heard nothing more after it was resolved.</p>
{{/if}}
{{#if reason}}
<p>Reason: {{reason}}</p>
{{/if}}
{{/with}}
{{#with priority}}
<p>Priority: <strong>{{label "priority" to}}</strong>{{#if from}} (was: {{from}}){{/if}}</p>
{{#if reason}}
<p>Reason: {{reason}}</p>
{{/if}}
{{/with}}
`,
};
