// Files imported as text (`?raw`, which Vite inlines at build time): the audit page's uPlot.
declare module '*?raw' {
  const text: string;
  export default text;
}
