import { THEME } from '../panel/theme.ts';

/** The viewer's styles: the sandbox's dark panel look, in one block the page adds to its head. */
export const VIEWER_STYLE = `
html, body { margin: 0; background: hsl(230, 7%, 10%); color: ${THEME.text}; font: 11px / 1.4 ${THEME.font}; }
#app { padding: 8px; box-sizing: border-box; min-height: 100vh; }
.al-view-head { margin-bottom: 6px; }
.al-card { background: ${THEME.background}; border-radius: 6px; padding: 6px 8px 8px; }
.al-card-title { font-weight: bold; margin-bottom: 4px; }
.al-caption { color: ${THEME.dim}; margin: 2px 0 4px; }
.al-notice { background: ${THEME.background}; border-left: 3px solid ${THEME.gc}; color: hsl(0, 75%, 66%); border-radius: 6px; padding: 8px; margin: 6px 0; }
.al-tabs { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0; }
.al-tabs button, .al-frame-bar button { font: inherit; color: ${THEME.text}; background: hsla(230, 7%, 75%, 0.1); border: 0; border-radius: 3px; padding: 2px 8px; cursor: pointer; }
.al-tabs button.active { background: hsla(230, 7%, 75%, 0.3); }
.al-view-layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(380px, 30%); gap: 8px; }
.al-view-main { min-width: 0; }
.al-graphs { display: grid; grid-template-rows: 260px 260px; gap: 8px; }
.al-graph { background: ${THEME.background}; border-radius: 6px; padding: 6px 8px 8px; display: flex; flex-direction: column; min-width: 0; }
.al-graph:focus-visible { outline: 1px solid ${THEME.dim}; }
.al-graph-head { display: flex; justify-content: space-between; gap: 8px; color: ${THEME.dim}; margin-bottom: 4px; white-space: nowrap; overflow: hidden; }
.al-graph-value { color: ${THEME.text}; }
.al-graph-canvas { flex: 1 1 auto; width: 100%; min-height: 0; border-radius: 3px; }
.al-side { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.al-frame-bar { display: flex; align-items: center; gap: 4px; margin: 2px 0 4px; }
.al-frame-label { flex: 1 1 auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.al-table { width: 100%; border-collapse: collapse; table-layout: auto; }
.al-table th, .al-table td { padding: 2px 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 22em; }
.al-table th { color: ${THEME.dim}; font-weight: normal; text-align: left; border-bottom: 1px solid hsla(230, 7%, 75%, 0.1); }
.al-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.al-table tbody tr:nth-child(odd) { background: hsla(230, 7%, 75%, 0.04); }
`;
