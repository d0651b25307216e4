import type { SiteRow } from './sites-model.ts';
import { formatBytes, formatCalls } from './format.ts';

/** The function, with its kind of allocation and file:line on a second line; then the figures. */
const COLUMNS = ['Site', 'Count/fr', 'Est. B/fr'] as const;

/**
 * The panel's "Allocation sites" table: each site that ran since the scene was loaded, with its
 * exact count per frame and its estimated bytes (marked ~). Without instrumentation it says how to
 * turn counting on instead of showing an empty table.
 */
export class SitesTable {
  readonly element: HTMLElement;
  private readonly _caption: HTMLElement;
  private readonly _table: HTMLTableElement;
  private readonly _body: HTMLTableSectionElement;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'al-sites';
    this._caption = document.createElement('div');
    this._caption.className = 'al-caption';
    this._table = document.createElement('table');
    this._table.className = 'al-table';
    const head = this._table.createTHead().insertRow();
    COLUMNS.forEach((title, i) => {
      const th = document.createElement('th');
      th.textContent = title;
      if (i > 0) th.className = 'num';
      head.append(th);
    });
    this._body = this._table.createTBody();
    this.element.append(this._caption, this._table);
  }

  /** Says that sites are not counted in this page, and how to count them. */
  showUninstrumented(): void {
    this._caption.textContent =
      'Allocation sites are not counted in this page. Serve the sandbox with `npm run dev:sites` to count every allocation expression of the scenes and the engine, with file and line.';
    this._caption.classList.add('warn');
    this._table.hidden = true;
  }

  update(caption: string, rows: SiteRow[], maxRows = 12): void {
    this._caption.classList.remove('warn');
    this._caption.textContent = caption;
    this._table.hidden = false;
    const body = this._body;
    body.textContent = '';
    if (rows.length === 0) {
      const tr = body.insertRow();
      const td = tr.insertCell();
      td.colSpan = COLUMNS.length;
      td.className = 'dim';
      td.textContent = 'No allocation site ran in these frames.';
      return;
    }
    for (const row of rows.slice(0, maxRows)) {
      const tr = body.insertRow();
      tr.title = `${row.where}  ${row.excerpt}`;
      const site = tr.insertCell();
      const name = document.createElement('div');
      name.textContent = row.functionName;
      // The file's own name and the line fit the column; the full path is in the row's tooltip.
      const where = document.createElement('div');
      where.className = 'al-site-where';
      where.textContent = `${row.kind} \u00b7 ${row.where.slice(row.where.lastIndexOf('/') + 1)}`;
      site.append(name, where);
      const count = tr.insertCell();
      count.className = 'num';
      count.textContent = formatCalls(row.countPerFrame);
      const bytes = tr.insertCell();
      bytes.className = 'num';
      bytes.textContent = '~' + formatBytes(row.estimatedBytesPerFrame);
    }
  }
}
