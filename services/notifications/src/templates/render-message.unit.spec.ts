import { createRenderer } from './render-message';
import { TEMPLATES } from './template-sources';

const desk = {
  name: 'Support Desk',
  hotline: '+31 20 123 4567',
  portalUrl: 'https://support.example/portal',
};
const render = createRenderer(desk);
const tricky = { number: 'HD-00042', subject: 'Fish & chips <b>now</b>\r\nBcc: someone@example.com' };

describe('rendering a message', () => {
  const message = render('ticket-updated', 'en', {
    ticket: tricky,
    recipientName: 'Anna "A" de Vries',
    comment: { body: 'Line one & <two>\nLine three', fromSupport: true },
  });

  it('escapes what customers wrote in the HTML', () => {
    expect(message.html).toContain('Fish &amp; chips &lt;b&gt;now&lt;/b&gt;');
    expect(message.html).toContain('Line one &amp; &lt;two&gt;<br>\nLine three');
    expect(message.html).not.toContain('<b>now');
  });

  it('leaves plain text as it was written, without entities', () => {
    expect(message.text).toContain('Dear Anna "A" de Vries,');
    expect(message.text).toContain('Line one & <two>\nLine three');
    expect(message.text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
  });

  it('puts the subject on one line, the reference first', () => {
    expect(message.subject).toBe('[HD-00042] Fish & chips <b>now</b> Bcc: someone@example.com – new reply');
  });

  it('writes dates in the reader’s language', () => {
    const fix = {
      from: 'in_progress',
      to: 'fix_scheduled',
      fix: { version: '2026.12.08', plannedDate: '2026-12-08' },
    } as const;
    expect(render('ticket-updated', 'nl', { ticket: tricky, status: fix }).text).toContain('8 december 2026');
    expect(render('ticket-updated', 'en', { ticket: tricky, status: fix }).text).toContain(
      'December 8, 2026',
    );
  });

  it('refuses to start with a broken template', () => {
    const broken = { ...TEMPLATES.nl['sla-alert'], html: '{{#if breached}}<p>open block' };
    const sources = { ...TEMPLATES, nl: { ...TEMPLATES.nl, 'sla-alert': broken } };
    expect(() => createRenderer(desk, sources)).toThrow(/Parse error|doesn't match/);
  });
});
