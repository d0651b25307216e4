import { Pane, type ButtonApi, type FolderApi, type TpChangeEvent } from 'tweakpane';
import type { SceneDefinition } from '../engine/Scene.ts';

/** A tweakpane binding (input or monitor) as `addBinding` returns it. */
export type Binding = ReturnType<FolderApi['addBinding']>;

/** What the controls edit; the pane writes here and calls `onChange`. */
export interface ControlState {
  scene: string;
  variant: string;
  size: number;
  paused: boolean;
  timeScale: number;
  deep: boolean;
  /** Frames a Compare or a recording runs. */
  frames: number;
}

/** What the controls ask the sandbox to do. */
export interface ControlActions {
  /** Scene, variant, size or deep changed: rebuild the world. */
  reload(): void;
  /** Pause or time scale changed. */
  playback(): void;
  step(): void;
  compare(): void;
  record(format: 'json' | 'trace'): void;
  /** Runs the leak pass on the running scene. */
  leaks(): void;
}

/**
 * The sandbox's tweakpane controls: Scene (scene, variant, size), Playback (pause, step, time
 * scale), Profiler (deep markers), and the Compare / Record actions. The GC Alloc monitors are
 * added by the panel into `monitorFolder`.
 */
export class ControlsPane {
  readonly pane: Pane;
  readonly monitorFolder: FolderApi;
  readonly toolsFolder: FolderApi;
  private readonly _state: ControlState;
  private readonly _scenes: readonly SceneDefinition[];
  private readonly _actions: ControlActions;
  private readonly _sceneFolder: FolderApi;
  private _variantBinding: Binding | null = null;
  private _sizeBinding: Binding | null = null;
  private readonly _buttons: ButtonApi[] = [];
  private readonly _status = { text: '' };
  private readonly _statusBinding: Binding;

  constructor(container: HTMLElement, scenes: readonly SceneDefinition[], state: ControlState, actions: ControlActions) {
    this._state = state;
    this._scenes = scenes;
    this._actions = actions;
    this.pane = new Pane({ container, title: 'AllocLab sandbox' });

    this._sceneFolder = this.pane.addFolder({ title: 'Scene' });
    const sceneOptions: Record<string, string> = {};
    for (const scene of scenes) sceneOptions[scene.name] = scene.name;
    this._sceneFolder.addBinding(state, 'scene', { label: 'scene', options: sceneOptions }).on('change', () => {
      const scene = this.currentScene();
      if (!(state.variant in scene.variants)) state.variant = Object.keys(scene.variants)[0]!;
      state.size = scene.size.default;
      this._rebuildSceneBindings();
      actions.reload();
    });
    this._rebuildSceneBindings();

    const playback = this.pane.addFolder({ title: 'Playback' });
    playback.addBinding(state, 'paused', { label: 'pause' }).on('change', () => actions.playback());
    this._buttons.push(playback.addButton({ title: 'Step one frame', label: 'step' }));
    this._buttons[0]!.on('click', () => actions.step());
    playback.addBinding(state, 'timeScale', { label: 'time scale', min: 0, max: 4, step: 0.05 }).on('change', () => actions.playback());

    const profilerFolder = this.pane.addFolder({ title: 'Profiler' });
    profilerFolder.addBinding(state, 'deep', { label: 'deep markers' }).on('change', () => actions.reload());

    this.monitorFolder = this.pane.addFolder({ title: 'GC Alloc' });

    this.toolsFolder = this.pane.addFolder({ title: 'Compare & record' });
    this.toolsFolder.addBinding(state, 'frames', { label: 'frames', min: 30, max: 10_000, step: 10 });
    const compare = this.toolsFolder.addButton({ title: 'Compare variants', label: 'compare' });
    compare.on('click', () => actions.compare());
    const json = this.toolsFolder.addButton({ title: 'Record → JSON', label: 'record' });
    json.on('click', () => actions.record('json'));
    const trace = this.toolsFolder.addButton({ title: 'Record → Chrome trace', label: '' });
    trace.on('click', () => actions.record('trace'));
    const leaks = this.toolsFolder.addButton({ title: 'Leak pass (forced GCs)', label: 'leaks' });
    leaks.on('click', () => actions.leaks());
    this._buttons.push(compare, json, trace, leaks);
    this._statusBinding = this.toolsFolder.addBinding(this._status, 'text', { label: 'status', readonly: true, interval: 0 });
  }

  /** The selected scene's definition. */
  currentScene(): SceneDefinition {
    return this._scenes.find((s) => s.name === this._state.scene) ?? this._scenes[0]!;
  }

  /** Shows what a long action is doing ('' when idle). */
  setStatus(text: string): void {
    this._status.text = text;
    this._statusBinding.refresh();
  }

  /** Disables the actions while one runs. */
  setBusy(busy: boolean): void {
    for (const button of this._buttons) button.disabled = busy;
  }

  /** Re-reads the state into the controls (after a programmatic load). */
  refresh(): void {
    this._rebuildSceneBindings();
    this.pane.refresh();
  }

  /** Variant and size controls depend on the scene (options and range): rebuilt when it changes. */
  private _rebuildSceneBindings(): void {
    const scene = this.currentScene();
    const state = this._state;
    this._variantBinding?.dispose();
    this._sizeBinding?.dispose();
    const variantOptions: Record<string, string> = {};
    for (const name of Object.keys(scene.variants)) variantOptions[name] = name;
    const variant = this._sceneFolder.addBinding(state, 'variant', { label: 'variant', options: variantOptions });
    variant.on('change', () => this._actions.reload());
    this._variantBinding = variant;
    const range = scene.size;
    const fixed = range.min === range.max;
    const size = this._sceneFolder.addBinding(state, 'size', {
      label: 'size',
      min: range.min,
      max: fixed ? range.min + 1 : range.max,
      step: 1,
      disabled: fixed,
    });
    size.on('change', (ev: TpChangeEvent<unknown>) => {
      if (ev.last !== false) this._actions.reload();
    });
    size.label = fixed ? 'size' : `size (${range.unit})`;
    this._sizeBinding = size;
  }
}
