/** What the address bar says: `?scene=bullets&variant=optimized&size=200&deep=1`. */
export interface UrlState {
  scene: string | null;
  variant: string | null;
  size: number | null;
  deep: boolean;
  /** The stage's drawing resolution (`?resolution=0.5`), null for 1; it changes only the drawing, done outside measured frames. */
  resolution: number | null;
  /**
   * How fast frames come (`?pace=max`): `display`, one per animation frame (the default);
   * `max`, back to back, each drawn, for automated runs that want the figures sooner.
   */
  pace: FramePace;
}

/** One frame per display refresh, or frames back to back (see BrowserHost.pace). */
export type FramePace = 'display' | 'max';

/** Drawing resolutions the sandbox accepts. */
export const RESOLUTION_RANGE = { min: 0.1, max: 2 } as const;

/** Reads the sandbox's parameters from a location's query string (unknown ones are ignored). */
export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const size = params.get('size');
  const parsed = size === null || size.trim() === '' ? Number.NaN : Number(size);
  return {
    scene: params.get('scene'),
    variant: params.get('variant'),
    size: Number.isFinite(parsed) ? Math.round(parsed) : null,
    deep: params.get('deep') === '1',
    resolution: readResolution(params.get('resolution')),
    pace: params.get('pace') === 'max' ? 'max' : 'display',
  };
}

function readResolution(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  return Math.min(RESOLUTION_RANGE.max, Math.max(RESOLUTION_RANGE.min, value));
}

/**
 * Makes the address bar follow the controls without adding history entries
 * (`history.replaceState`), keeping parameters that are not the sandbox's.
 */
export function writeUrlState(state: { scene: string; variant: string; size: number; deep: boolean }): void {
  const url = new URL(window.location.href);
  url.searchParams.set('scene', state.scene);
  url.searchParams.set('variant', state.variant);
  url.searchParams.set('size', String(state.size));
  if (state.deep) url.searchParams.set('deep', '1');
  else url.searchParams.delete('deep');
  if (url.href !== window.location.href) window.history.replaceState(null, '', url.href);
}
