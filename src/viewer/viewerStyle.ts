import { THEME } from '../panel/theme.ts';

/**
 * The viewer's styles: the sandbox's dark panel look, scoped under `.al-viewer` so that it sits in the
 * sandbox (a dropped recording) as well as on a page of its own.
 */
export const VIEWER_STYLE = `
.al-viewer { padding: 8px; box-sizing: border-box; min-height: 100vh; background: hsl(230, 7%, 10%); color: ${THEME.text}; font: 11px / 1.4 ${THEME.font}; }
.al-viewer .al-view-head { margin-bottom: 6px; }
.al-viewer .al-card { background: ${THEME.background}; border-radius: 6px; padding: 6px 8px 8px; }
.al-viewer .al-card-title { font-weight: bold; margin-bottom: 4px; }
.al-viewer .al-caption { color: ${THEME.dim}; margin: 2px 0 4px; }
.al-viewer .al-notice { background: ${THEME.background}; border-left: 3px solid ${THEME.gc}; color: hsl(0, 75%, 66%); border-radius: 6px; padding: 8px; margin: 6px 0; }
.al-viewer .al-tabs { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0; }
.al-viewer .al-tabs button, .al-viewer .al-frame-bar button { font: inherit; color: ${THEME.text}; background: hsla(230, 7%, 75%, 0.1); border: 0; border-radius: 3px; padding: 2px 8px; cursor: pointer; }
.al-viewer .al-frame-bar button:disabled { opacity: 0.4; cursor: default; }
.al-viewer .al-tabs button.active { background: hsla(230, 7%, 75%, 0.3); }
.al-viewer .al-view-layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(380px, 30%); gap: 8px; }
.al-viewer .al-view-main { min-width: 0; }
.al-viewer .al-graphs { display: grid; grid-template-rows: 260px 260px; gap: 8px; }
.al-viewer .al-graph { background: ${THEME.background}; border-radius: 6px; padding: 6px 8px 8px; display: flex; flex-direction: column; min-width: 0; }
.al-viewer .al-graph:focus-visible { outline: 1px solid ${THEME.dim}; }
.al-viewer .al-graph-head { display: flex; justify-content: space-between; gap: 8px; color: ${THEME.dim}; margin-bottom: 4px; white-space: nowrap; overflow: hidden; }
.al-viewer .al-graph-value { color: ${THEME.text}; }
.al-viewer .al-graph-canvas { flex: 1 1 auto; width: 100%; min-height: 0; border-radius: 3px; }
.al-viewer .al-side { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.al-viewer .al-frame-bar { display: flex; align-items: center; gap: 4px; margin: 2px 0 4px; }
.al-viewer .al-frame-label { flex: 1 1 auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.al-viewer .al-table { width: 100%; border-collapse: collapse; table-layout: auto; }
.al-viewer .al-table th, .al-viewer .al-table td { padding: 2px 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 22em; }
.al-viewer .al-table th { color: ${THEME.dim}; font-weight: normal; text-align: left; border-bottom: 1px solid hsla(230, 7%, 75%, 0.1); }
.al-viewer .al-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.al-viewer select { font: inherit; color: inherit; background: hsla(230, 7%, 75%, 0.1); border: 0; border-radius: 3px; padding: 2px 4px; max-width: 40%; }
.al-viewer .al-compare .al-caption.warn { color: hsl(0, 75%, 66%); }
.al-viewer .al-table tbody tr:nth-child(odd) { background: hsla(230, 7%, 75%, 0.04); }
`;
