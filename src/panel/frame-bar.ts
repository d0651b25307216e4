/** What a frame bar moves: the panel's live model, or a recording's frames in the viewer. */
export interface FrameNavigation {
  step(delta: number): void;
  mostBytes(): void;
  nextGc(): void;
  /** Back to the newest frame (the panel only: a recording has no "newest"). */
  live?(): void;
  /** After any of the above: scroll the graphs to the frame and redraw. */
  changed(): void;
}

/**
 * The row above a frame's figures: which frame is shown, and ◀ ▶, Most bytes, Next GC and (in the
 * panel) Live. The same keys act where it, or an element given to `listenTo`, has focus: ← → step,
 * Esc goes live. Never on the whole page: a game under the overlay keeps its keys.
 */
export class FrameBar {
  readonly element: HTMLElement;
  readonly label: HTMLElement;
  readonly liveButton: HTMLButtonElement | null;
  readonly nextGcButton: HTMLButtonElement;
  private readonly _onKey: (event: KeyboardEvent) => void;

  constructor(nav: FrameNavigation) {
    this.element = document.createElement('div');
    this.element.className = 'al-frame-bar';
    this.label = document.createElement('span');
    this.label.className = 'al-frame-label';
    const button = (text: string, title: string, action: () => void) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.title = title;
      b.addEventListener('click', () => {
        action();
        nav.changed();
      });
      return b;
    };
    this.nextGcButton = button('Next GC', 'Select the next frame with a GC', () => nav.nextGc());
    this.liveButton = nav.live === undefined ? null : button('Live', 'Show the newest frame again (Esc)', () => nav.live!());
    this.element.append(
      this.label,
      button('\u25c0', 'Previous frame (\u2190)', () => nav.step(-1)),
      button('\u25b6', 'Next frame (\u2192)', () => nav.step(1)),
      button('Most bytes', 'Select the frame that allocated the most', () => nav.mostBytes()),
      this.nextGcButton,
      ...(this.liveButton === null ? [] : [this.liveButton]),
    );
    this._onKey = (event) => {
      if (event.key === 'ArrowLeft') nav.step(-1);
      else if (event.key === 'ArrowRight') nav.step(1);
      else if (event.key === 'Escape' && nav.live !== undefined) nav.live();
      else return;
      event.preventDefault();
      nav.changed();
    };
    this.element.addEventListener('keydown', this._onKey);
  }

  /** Makes `element` focusable (a graph), with the bar's keys. */
  listenTo(element: HTMLElement): void {
    element.tabIndex = 0;
    element.addEventListener('keydown', this._onKey);
  }
}
