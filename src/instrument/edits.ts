import type MagicString from 'magic-string';

/** Text put around a source range: `open` before `start`, `close` after `end`. */
interface Wrap {
  start: number;
  end: number;
  open: string;
  close: string;
  seq: number;
}

/**
 * The edits of one module, applied to magic-string in one pass.
 *
 * Wrappers nest like the AST ranges they come from, but several can open or close at the same
 * offset (`a.map(f).filter(g)`), and one can close exactly where another opens. magic-string keeps
 * insertions at one offset in call order, so the order is decided here instead: at each offset the
 * closes come first (innermost first), then statement-level insertions, then the opens (outermost
 * first). Wrappers with identical ranges count as outer in the order they were added.
 */
export class Edits {
  private readonly _wraps: Wrap[] = [];
  private readonly _inserts = new Map<number, string>();
  private readonly _overwrites: Array<[start: number, end: number, text: string]> = [];
  /** Starts of expression statements in statement lists, where an opening `(` needs a `;` first. */
  private readonly _statementStarts = new Set<number>();

  /** Puts `open` before `start` and `close` after `end`. */
  wrap(start: number, end: number, open: string, close: string): void {
    this._wraps.push({ start, end, open, close, seq: this._wraps.length });
  }

  /** Inserts a statement-level text at `pos`, after closes and before opens at that offset. */
  insert(pos: number, text: string): void {
    this._inserts.set(pos, (this._inserts.get(pos) ?? '') + text);
  }

  /** Replaces a range that no other edit touches inside (an identifier, a `.name`). */
  overwrite(start: number, end: number, text: string): void {
    this._overwrites.push([start, end, text]);
  }

  /** Marks the start of an expression statement that follows another statement. */
  markStatementStart(pos: number): void {
    this._statementStarts.add(pos);
  }

  get isEmpty(): boolean {
    return this._wraps.length === 0 && this._inserts.size === 0 && this._overwrites.length === 0;
  }

  apply(s: MagicString): void {
    // Overwrites first: overwriting later would drop insertions attached to the same chunk.
    for (const [start, end, text] of this._overwrites) s.overwrite(start, end, text);
    const opens = new Map<number, Wrap[]>();
    const closes = new Map<number, Wrap[]>();
    for (const w of this._wraps) {
      push(opens, w.start, w);
      push(closes, w.end, w);
    }
    const positions = new Set<number>([...opens.keys(), ...closes.keys(), ...this._inserts.keys()]);
    for (const pos of [...positions].sort((a, b) => a - b)) {
      let text = '';
      const closing = closes.get(pos);
      if (closing) {
        closing.sort((a, b) => b.start - a.start || b.seq - a.seq);
        for (const w of closing) text += w.close;
      }
      text += this._inserts.get(pos) ?? '';
      const opening = opens.get(pos);
      if (opening) {
        // A statement may not start with `(` after a line without a semicolon: it would call it.
        if (this._statementStarts.has(pos)) text += ';';
        opening.sort((a, b) => b.end - a.end || a.seq - b.seq);
        for (const w of opening) text += w.open;
      }
      s.appendLeft(pos, text);
    }
  }
}

function push(map: Map<number, Wrap[]>, key: number, wrap: Wrap): void {
  const list = map.get(key);
  if (list) list.push(wrap);
  else map.set(key, [wrap]);
}
