// The step of the builds for pages that collapses the indentation of Lit's html templates
// (vite.config.ts, minify-literals). In fully minified output a line break can only be inside a
// template literal; a run of white space there renders as one space anyway.

/**
 * `code` with each line break that indentation follows taken out: with what it stood beside
 * when that is a tag's `<` or `>`, as one space elsewhere. A line break with no indentation after
 * it is a text's own (the minifier writes `'\n'` as a template literal holding one, as in
 * lit-html's `"[ \t\n\f\r]"`), and is kept.
 */
export const collapseTemplates = (code) =>
  code
    .replace(/\s*\n[ \t]+(\/?>|<)/g, '$1')
    .replace(/>\s*\n[ \t]+/g, '>')
    .replace(/\n[ \t]+/g, ' ');
