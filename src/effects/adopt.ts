/**
 * The shadow root's styles, as one constructable stylesheet (no `<style>`: a page whose CSP
 * has `style-src 'self'` allows it); a `<style>` where the browser has none (Safari before
 * 16.4).
 */
export function adopt(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = root.querySelector('style') ?? root.appendChild(document.createElement('style'));
    style.textContent = css;
  }
}
