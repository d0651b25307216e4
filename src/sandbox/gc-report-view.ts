import type { GcPanelRow } from './gcPanelRows.ts';

/**
 * The panel's "GC & leaks" card: the GC report of the last Compare or recording (GCs per 1,000
 * frames, pauses, frames over budget, frames between minor GCs) and the leak pass's finding, as
 * label / value lines. Until there is something to show it says how to get it.
 */
export class GcReportView {
  readonly element: HTMLElement;
  private readonly _caption: HTMLElement;
  private readonly _body: HTMLTableSectionElement;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'al-gc-report';
    this._caption = document.createElement('div');
    this._caption.className = 'al-caption';
    this._caption.textContent =
      'Compare or record to see the GC report of a run; "leaks" runs the leak pass (forced full GCs between frames), which reads the whole page: scene, renderer and panel.';
    const table = document.createElement('table');
    table.className = 'al-table al-kv';
    this._body = table.createTBody();
    this.element.append(this._caption, table);
  }

  show(caption: string, rows: GcPanelRow[]): void {
    this._caption.textContent = caption;
    this._body.textContent = '';
    for (const row of rows) {
      const tr = this._body.insertRow();
      tr.insertCell().textContent = row.label;
      tr.insertCell().textContent = row.value;
    }
  }
}
