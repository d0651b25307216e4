/**
 * Colors and font of the panel's own views, taken from tweakpane 4's default (dark) theme so the
 * custom graph and table sit beside its controls without a seam.
 */
export const THEME = {
  font: '"Roboto Mono", "Source Code Pro", Menlo, Courier, monospace',
  background: 'hsl(230, 7%, 17%)',
  graphBackground: 'hsl(230, 7%, 12%)',
  text: 'hsl(230, 7%, 75%)',
  dim: 'hsla(230, 7%, 75%, 0.55)',
  guide: 'hsla(230, 7%, 75%, 0.35)',
  bytes: 'hsl(40, 90%, 62%)',
  ms: 'hsl(200, 70%, 62%)',
  gc: 'hsl(0, 75%, 58%)',
} as const;
