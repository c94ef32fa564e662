/**
 * The placeholder of an embed (docs/guide/embeds.md), on top of the styles every page gets
 * (src/element/core.styles.ts): the same custom properties, palette and font. The iframe's
 * own size comes after these, and the site's CSS for the placeholder wins over both. Plain CSS
 * text: the build squeezes it (vite.config.ts).
 */
export const embedStyles = `
  :host {
    display: block;
    box-sizing: border-box;
    position: relative;
    max-width: 100%;
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  [part=embed] {
    position: relative;
    box-sizing: border-box;
    min-height: 100%;
    padding: var(--_space);
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 0.5rem;
  }
  [part=embed-thumbnail] {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
    opacity: 0.25;
  }
  [part=embed-title],
  [part=embed-text],
  [part=embed-actions] {
    position: relative;
    margin: 0;
  }
  [part=embed-actions] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  [part~=embed-load] {
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  a {
    color: inherit;
  }
`;
