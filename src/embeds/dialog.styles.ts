/**
 * The styles of what src/embeds/dialog.ts adds to the preferences dialog: the disclosures with a
 * category's declaration, and the visitor's record. The colours are the banner's own
 * (`--_border`, `--_muted`: src/element/core.styles.ts), so a theme reaches them too.
 */
export const dialogStyles = `
  [part~=declaration] {
    margin-top: 0.25rem;
    font-weight: 400;
  }
  summary {
    width: fit-content;
    cursor: pointer;
  }
  [part~=declaration] table {
    width: 100%;
    margin-top: 0.25rem;
    border-collapse: collapse;
    table-layout: fixed;
    overflow-wrap: anywhere;
    font-size: 0.875em;
  }
  th,
  td {
    padding: 0.25rem 0.375rem 0.25rem 0;
    border-top: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  td {
    color: var(--_muted);
  }
  /* The purpose gets the widest column: on a phone, the other three are short. */
  th:nth-child(3) {
    width: 34%;
  }
  [part~=record] {
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  /* One click or tap selects the whole consent id (Safari knows only the prefixed name). */
  [part~=consent-id] {
    -webkit-user-select: all;
    user-select: all;
    overflow-wrap: anywhere;
  }
`;
