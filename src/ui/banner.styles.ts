/**
 * The first layer's, the confirmation's and the dialog's styles, after the ones every page
 * gets (src/element/core.styles.ts). Every colour, font and size comes from a
 * `--consent-banner-*` custom property with a default (docs/guide/styling.md).
 */
export const bannerStyles = `  section,
  .on,
  dialog {
    box-sizing: border-box;
    padding: var(--_space);
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* The confirmation's wrapper is always there (it holds the live region), fixed and empty
     until a choice is made: it never takes space in the page. */
  section,
  .c {
    position: fixed;
    inset: auto 0 0;
    z-index: var(--_z);
    max-width: var(--consent-banner-max-width, 64rem);
    /* A third of a phone's height; at least half the width, so that a short, wide window
       (a desktop zoomed to 200 %) keeps room for the text. */
    max-height: max(33dvh, 50vw);
    overflow: auto;
    margin: 0 auto;
  }
  /* When the first layer is capped, its text scrolls; the title and the buttons stay. */
  section {
    display: flex;
    flex-flow: column;
    padding-inline: calc(var(--_space) - 5px);
  }
  /* The text's padding keeps a focused link's ring (3px + 2px offset) inside its scroller; the
     section's side padding gives the room, rather than negative margins, which WebKit counts
     as overflow (the first layer would scroll sideways). */
  section > :not(p) {
    margin-inline: 5px;
  }
  section p {
    overflow: auto;
    padding: 5px;
    margin: -5px 0 0.5rem;
  }
  section,
  .on {
    box-shadow: 0 -4px 24px #0003;
  }
  h2 {
    margin: 0;
    font-size: 1.125em;
  }
  p {
    margin: 0 0 0.5em;
  }
  a {
    color: inherit;
  }
  /* One row of equal buttons at every width: stacking them would cover a phone's screen. */
  .actions {
    display: grid;
    grid-template-columns: 1fr 1fr 1fr;
    gap: 0.5rem;
  }
  /* Accept, reject and choose look exactly alike: reject is as easy as accept. */
  [part~=button] {
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  dialog {
    width: min(40rem, 100vw - 1rem);
    max-height: calc(100dvh - 1rem);
  }
  dialog::backdrop {
    background: #0008;
  }
  .head,
  .row,
  .on {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.75rem;
  }
  ul {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  li {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  .row {
    font-weight: 600;
  }
  li p {
    margin: 0.25rem 0 0;
    color: var(--_muted);
  }
  [part~=always-active] {
    font-weight: 400;
    color: var(--_muted);
  }
  [part~=switch] {
    appearance: none;
    flex: none;
    width: 3rem;
    height: 1.75rem;
    margin: 0;
    border: 2px solid var(--_border);
    border-radius: 1rem;
    background: radial-gradient(circle at 0.75rem, var(--_muted) 0.55rem, transparent 0.6rem);
    cursor: pointer;
  }
  [part~=switch]:checked {
    border-color: var(--_accent);
    background: radial-gradient(circle at 2rem, var(--_accent-fg) 0.55rem, var(--_accent) 0.6rem);
  }
  .on {
    flex-flow: wrap;
  }
  .c p {
    flex: 1 1 15rem;
    margin: 0;
  }
  /* Forced colours: the system draws the switch (as a checkbox), so on and off stay distinct. */
  @media (forced-colors: active) {
    [part~=switch] {
      appearance: auto;
    }
  }
`;
