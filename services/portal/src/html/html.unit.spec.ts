import { html, raw } from './html';

describe('html templates', () => {
  it('escapes what people typed, so it can never become markup', () => {
    const subject = `<script>alert("x")</script> & 'quotes'`;
    expect(html`<td>${subject}</td>`.value).toBe(
      '<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</td>',
    );
  });

  it('keeps nested templates and our own markup, joins lists and drops empty values', () => {
    const template = html;
    const items = ['a<b', 'c'].map((item) => template`<li>${item}</li>`);
    const page = template`<ul>${items}</ul>${false}${null}${undefined}${raw('<hr>')}`;
    expect(page.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>');
  });
});
