// The portal's one stylesheet, kept in the code so the bundle carries it (no file to find at run time).
// Colours meet WCAG AA contrast on white; the layout is one column below 40rem (phones).
export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b57a4}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,main:focus-visible{outline:3px solid #c25e00;outline-offset:2px}
.skip-link{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip-link:focus{left:.5rem;top:.5rem}
.site-header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.75rem 1rem;background:#12355b;color:#fff}
.site-header a{color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.1rem}
.site-header nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.site-header nav a[aria-current=page]{text-decoration-thickness:3px}
.header-tools{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-left:auto}
.who{font-size:.9rem}
form.inline{display:inline;margin:0}
button,.button{font:inherit;padding:.45rem .9rem;border:1px solid #12355b;border-radius:4px;background:#12355b;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
.site-header button{background:#fff;color:#12355b}
button.secondary{background:#fff;color:#12355b}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
label{display:block;font-weight:600;margin-top:.75rem}
.hint{display:block;font-weight:400;color:#4a4a4a;font-size:.9rem}
input,select,textarea{font:inherit;width:100%;max-width:40rem;padding:.4rem;border:1px solid #6b6b6b;border-radius:4px;background:#fff;color:#1a1a1a}
textarea{min-height:6rem}
.field-error{color:#a4000f;font-weight:600;margin:.25rem 0 0}
[aria-invalid=true]{border-color:#a4000f;border-width:2px}
.notice{padding:.75rem 1rem;border-radius:4px;border-left:6px solid}
.notice-error{background:#fdecee;border-color:#a4000f}
.notice-success{background:#e8f5ec;border-color:#1b6e35}
.notice-info{background:#eaf1fb;border-color:#0b57a4}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #d0d0d0;vertical-align:top}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.filters label{margin-top:0}
.filters input,.filters select{width:auto}
.conversation{list-style:none;padding:0}
.conversation li{border:1px solid #d0d0d0;border-radius:4px;padding:.5rem .75rem;margin-bottom:.5rem}
.meta{color:#4a4a4a;font-size:.9rem}
.prewrap{white-space:pre-wrap}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
.facts dt{font-weight:600}
.facts dd{margin:0}
.conversation li.internal{background:#fff6e0;border-color:#8a5a00}
section{margin-top:1.5rem}
h2{font-size:1.25rem}
/* The agents' pages: an internal note never looks like an answer the customer reads. */
.comment-internal{background:#fff8e1;border-left:6px solid #8a5a00}
.comment-public{border-left:6px solid #0b57a4}
.breached{color:#a4000f;font-weight:600}
.pre{white-space:pre-wrap}
form.stack{border-top:1px solid #d0d0d0;padding:.5rem 0}
fieldset{border:1px solid #d0d0d0;border-radius:4px}
fieldset label{display:inline-block;font-weight:400;margin-right:1rem}
fieldset input{width:auto}
.site-footer{border-top:1px solid #d0d0d0;margin-top:2rem;padding:.5rem 1rem;color:#4a4a4a;font-size:.9rem}
@media (max-width:40rem){
  .site-header{flex-direction:column;align-items:flex-start}
  .header-tools{margin-left:0}
  table,thead,tbody,tr,th,td{display:block}
  thead{position:absolute;left:-999px}
  td{border:none;padding:.1rem 0}
  tr{border-bottom:1px solid #d0d0d0;padding:.5rem 0}
  .facts{grid-template-columns:1fr}
}
`;
