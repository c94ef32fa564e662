// The builds for pages collapse the indentation of Lit's html templates
// (scripts/collapse-templates.mjs): the markup renders the same, and a text's own line break, which
// the minifier writes as a template literal holding one, is kept.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { collapseTemplates } from '../../scripts/collapse-templates.mjs';

test('a template’s indentation goes: beside a tag, and as one space in text', () => {
  const template = 'x`<section>\n    <h2 part="title">\n      ${t}\n    </h2>\n  </section>`';
  assert.equal(collapseTemplates(template), 'x`<section><h2 part="title">${t}</h2></section>`');
  assert.equal(collapseTemplates('x`<p>${a}\n      ${b}</p>`'), 'x`<p>${a} ${b}</p>`');
});

test('a text’s own line break is kept', () => {
  // What the minifier makes of `text.split('\n')` and of lit-html's white space class.
  for (const code of ['e.split(`\n`)', 'Qe=`[ \t\n\f\r]`', 'a=`\n`+b'])
    assert.equal(collapseTemplates(code), code);
});

test('the built script-tag file keeps lit-html’s white space class whole', () => {
  // (Needs `npm run build`.) The class lit-html parses its templates' attributes with.
  const built = readFileSync(new URL('../../dist/consent-banner.iife.js', import.meta.url), 'utf8');
  assert.ok(built.includes('"[ \\t\\n\\f\\r]"'), 'lit-html’s "[ \\t\\n\\f\\r]" is in the file');
});
