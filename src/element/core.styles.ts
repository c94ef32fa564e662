/**
 * The styles every page gets: the custom properties with their light and dark defaults (WCAG
 * 2.2 AA: text ≥ 4.5:1, controls ≥ 3:1), the font, and the settings button, which is all a
 * returning visitor sees. The first layer and the dialog add theirs (src/ui/banner.styles.ts)
 * when they are needed. Plain CSS text: the build squeezes it (vite.config.ts).
 */
/** The dark palette, for `theme="dark"` and for `auto` when the system is dark. */
const dark = `
  --_bg: var(--consent-banner-bg, #1b1f24);
  --_fg: var(--consent-banner-fg, #f2f4f7);
  --_muted: var(--consent-banner-muted, #c3c9d1);
  --_accent: var(--consent-banner-accent, #9ccaff);
  --_accent-fg: var(--consent-banner-accent-fg, #0b1a2b);
  --_border: var(--consent-banner-border, #7b8594);
  --_focus: var(--consent-banner-focus, #9ccaff);
`;

export const coreStyles = `
  :host {
    /* Whatever a host page's body or #root would pass down through the shadow root (alignment,
       spacing, case, shadows, colours, list styles…) starts again from its initial value;
       custom properties and direction are not reset by "all". */
    all: initial;
    --_bg: var(--consent-banner-bg, #fff);
    --_fg: var(--consent-banner-fg, #1b1f24);
    --_muted: var(--consent-banner-muted, #4a5260);
    --_accent: var(--consent-banner-accent, #0b4a8b);
    --_accent-fg: var(--consent-banner-accent-fg, #fff);
    --_border: var(--consent-banner-border, #8a94a3);
    --_focus: var(--consent-banner-focus, #0b4a8b);
    --_radius: var(--consent-banner-radius, 0.5rem);
    --_space: var(--consent-banner-spacing, 1rem);
    --_z: var(--consent-banner-z-index, 2147483000);
    font: var(--consent-banner-font-size, 1rem) / 1.6
      var(
        --consent-banner-font,
        system-ui,
        'Noto Sans Thai',
        'Leelawadee UI',
        Thonburi,
        Sarabun,
        Tahoma,
        sans-serif
      );
    color: var(--_fg);
    /* Thai has no spaces: break only where the browser's dictionary finds a word end. */
    overflow-wrap: break-word;
    direction: ltr;
  }
  :host([theme=dark]) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme=light])) {
      ${dark}
    }
  }
  :lang(th) {
    line-height: 1.7;
  }
  button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .float {
    position: fixed;
    inset: auto auto 0.5rem 0.5rem;
    z-index: var(--_z);
  }
`;
