import type { HierarchyRow } from './gc-alloc-model.ts';
import { formatBytes, formatCalls, formatMs } from './format.ts';

type SortKey = 'name' | 'bytes' | 'calls' | 'ms' | 'selfMs';

const COLUMNS: ReadonlyArray<{ key: SortKey; title: string; numeric: boolean }> = [
  { key: 'name', title: 'Marker', numeric: false },
  { key: 'bytes', title: 'GC Alloc', numeric: true },
  { key: 'calls', title: 'Calls', numeric: true },
  { key: 'ms', title: 'Time ms', numeric: true },
  { key: 'selfMs', title: 'Self ms', numeric: true },
];

/**
 * Unity's Hierarchy view in small: one row per marker of a frame, children indented under their
 * parent, columns Marker / GC Alloc / Calls / Time ms / Self ms. Clicking a header sorts siblings
 * by that column (again: reverses). An extra row can show the panel's own cost.
 */
export class HierarchyTable {
  readonly element: HTMLElement;
  private readonly _body: HTMLTableSectionElement;
  private readonly _headers: HTMLTableCellElement[] = [];
  private readonly _caption: HTMLElement;
  private _sortKey: SortKey = 'bytes';
  private _descending = true;
  private _rows: HierarchyRow[] = [];
  private _extra: HierarchyRow | null = null;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'al-table-wrap';
    this._caption = document.createElement('div');
    this._caption.className = 'al-caption';
    const table = document.createElement('table');
    table.className = 'al-table';
    const head = table.createTHead().insertRow();
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.textContent = column.title;
      th.dataset.key = column.key;
      if (column.numeric) th.className = 'num';
      th.title = 'Sort by ' + column.title;
      th.addEventListener('click', () => this.sortBy(column.key));
      head.append(th);
      this._headers.push(th);
    }
    this._body = table.createTBody();
    this.element.append(this._caption, table);
    this._markSorted();
  }

  /** Sorts by `key` (descending first for figures, ascending for names; again to reverse). */
  sortBy(key: SortKey): void {
    if (this._sortKey === key) this._descending = !this._descending;
    else {
      this._sortKey = key;
      this._descending = key !== 'name';
    }
    this._markSorted();
    this._render();
  }

  /** Shows `rows` (a frame's markers) under `caption`; `extra` is drawn last, dimmed. */
  update(caption: string, rows: HierarchyRow[], extra: HierarchyRow | null): void {
    this._caption.textContent = caption;
    this._rows = rows;
    this._extra = extra;
    this._render();
  }

  private _markSorted(): void {
    for (const th of this._headers) {
      const sorted = th.dataset.key === this._sortKey;
      th.classList.toggle('sorted', sorted);
      th.dataset.dir = sorted ? (this._descending ? '▼' : '▲') : '';
    }
  }

  private _render(): void {
    const ordered: Array<{ row: HierarchyRow; depth: number }> = [];
    const children = new Map<string, HierarchyRow[]>();
    for (const row of this._rows) {
      const list = children.get(row.parent);
      if (list === undefined) children.set(row.parent, [row]);
      else list.push(row);
    }
    const visit = (parent: string, depth: number) => {
      const list = children.get(parent);
      if (list === undefined) return;
      list.sort((a, b) => this._compare(a, b));
      for (const row of list) {
        ordered.push({ row, depth });
        if (row.name !== parent) visit(row.name, depth + 1);
      }
    };
    visit('', 0);
    const body = this._body;
    body.replaceChildren();
    for (const { row, depth } of ordered) this._appendRow(row, depth, '');
    if (this._extra !== null) this._appendRow(this._extra, 0, 'extra');
  }

  private _appendRow(row: HierarchyRow, depth: number, className: string): void {
    const tr = this._body.insertRow();
    if (className !== '') tr.className = className;
    const name = tr.insertCell();
    name.textContent = row.name;
    name.style.paddingLeft = 6 + depth * 12 + 'px';
    name.title = row.title ?? row.name;
    const bytes = tr.insertCell();
    bytes.className = 'num' + (row.bytes !== null && row.bytes > 0 ? ' hot' : '');
    bytes.textContent = formatBytes(row.bytes);
    const calls = tr.insertCell();
    calls.className = 'num';
    calls.textContent = formatCalls(row.calls);
    const ms = tr.insertCell();
    ms.className = 'num';
    ms.textContent = formatMs(row.ms);
    const self = tr.insertCell();
    self.className = 'num';
    self.textContent = formatMs(row.selfMs);
  }

  private _compare(a: HierarchyRow, b: HierarchyRow): number {
    const key = this._sortKey;
    let d: number;
    if (key === 'name') d = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    else d = (a[key] ?? -1) - (b[key] ?? -1);
    return this._descending ? -d : d;
  }
}
