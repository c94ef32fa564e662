/**
 * The audit page's own style sheet and script (src/server/records/audit.ts), served as files so
 * that the page runs under a strict Content-Security-Policy (no inline script or style).
 */

export const AUDIT_CSS = `
:root { color-scheme: light dark; font: 1rem/1.6 system-ui, 'Noto Sans Thai', Tahoma, sans-serif; }
body { margin: 0 auto; padding: 1rem; max-width: 72rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; }
:lang(th) { line-height: 1.8; }
section { margin-block: 2rem; }
form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
label { display: flex; flex-direction: column; gap: 0.25rem; }
input, select, button { font: inherit; min-height: 2.75rem; padding: 0 0.75rem; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid #0b4a8b; outline-offset: 2px; }
table { border-collapse: collapse; margin-block: 1rem; }
caption { text-align: start; font-weight: bold; padding-block: 0.5rem; }
th, td { border: 1px solid #8a94a3; padding: 0.25rem 0.5rem; text-align: start; }
td { font-variant-numeric: tabular-nums; text-align: end; }
.record td { text-align: start; }
.counts { display: block; overflow-x: auto; }
.counts th { white-space: nowrap; }
code { overflow-wrap: anywhere; }
#charts { display: grid; gap: 1rem; }
.wording dt { margin-top: 0.5rem; }
.wording dd { margin-inline-start: 1rem; }
`;

/**
 * Draws the two charts from the page's numbers (`#chart-data`) with uPlot: decisions per day by
 * how they were made, and the grant rate of each category. The table under them holds the same
 * numbers for screen readers and for copying.
 */
export const AUDIT_JS = `
(() => {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const box = document.getElementById('charts');
  if (!data.days.length || typeof uPlot !== 'function') return;
  const xs = data.days.map((day) => Date.parse(day + 'T00:00:00Z') / 1000);
  const colours = ['#0b4a8b', '#b3261e', '#7a5900', '#1b6e3a', '#6a3d9a', '#00727a', '#8a4b00'];
  const width = () => Math.max(280, Math.min(box.clientWidth, 1100));
  const charts = [
    [data.titles.perDay, data.methods],
    [data.titles.grantRate, data.rates],
  ].map(([title, series]) => {
    const holder = document.createElement('div');
    box.append(holder);
    return new uPlot(
      {
        title,
        width: width(),
        height: 260,
        scales: { x: { time: true } },
        series: [
          { label: '' },
          ...series.map((s, i) => ({ label: s.label, stroke: colours[i % colours.length], width: 2 })),
        ],
      },
      [xs, ...series.map((s) => s.values)],
      holder,
    );
  });
  addEventListener('resize', () => {
    for (const chart of charts) chart.setSize({ width: width(), height: 260 });
  });
})();
`;
