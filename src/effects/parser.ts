/**
 * Whether the HTML parser is done with `node`: the document is parsed, or a node follows it
 * (the parser appends in document order, so anything after it came after its end tag). The
 * one sign, in every browser, that an element's content, or a script's text, is all there.
 */
export function parsed(node: Node): boolean {
  if (node.ownerDocument?.readyState !== 'loading') return true;
  for (let n: Node | null = node; n; n = n.parentNode) if (n.nextSibling) return true;
  return false;
}
