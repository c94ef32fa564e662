/**
 * WCAG 2.2, 2.4.11 Focus Not Obscured: the first layer and the confirmation are fixed at the
 * bottom of the viewport, so the page keeps room for them. A bottom `scroll-padding` makes the
 * browser scroll a focused control above the banner, and as much bottom padding on `<html>`
 * lets the last control of the page scroll that far. Nothing above moves (no layout shift).
 * Both are inline styles on `<html>`, set while a layer shows and removed after.
 */
export function reserveSpace(px: number): void {
  const style = document.documentElement.style;
  style.scrollPaddingBottom = style.paddingBottom = px ? `${Math.ceil(px)}px` : '';
}
