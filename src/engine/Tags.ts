/**
 * An interned tag: one object per tag name for the life of the process. Compare tags with
 * `gameObject.compareTag(handle)`, which compares ids and allocates nothing.
 */
export class TagHandle {
  /** Small integer, stable for the life of the process. */
  readonly id: number;
  /** The tag's name. */
  readonly name: string;
  /** `name` behind one pad character, sliced by `GameObject.tag` to build a fresh string per read. */
  readonly _padded: string;

  /** Use `Tags.define(name)`; handles are only created by the registry. */
  constructor(id: number, name: string) {
    this.id = id;
    this.name = name;
    this._padded = '#' + name;
  }

  /** The tag's name (for logs). */
  toString(): string {
    return this.name;
  }
}

const handles: TagHandle[] = [];
const byName = new Map<string, TagHandle>();

/** Tags every process knows, as in Unity's default tag list. */
const BUILT_IN = ['Untagged', 'Player', 'Enemy', 'Respawn', 'Finish', 'MainCamera', 'EditorOnly'] as const;

function intern(name: string): TagHandle {
  let handle = byName.get(name);
  if (handle === undefined) {
    handle = new TagHandle(handles.length, name);
    handles.push(handle);
    byName.set(name, handle);
  }
  return handle;
}

for (let i = 0; i < BUILT_IN.length; i++) intern(BUILT_IN[i]!);

function unknownTag(name: string): Error {
  return new Error('Unknown tag "' + name + '": define it first with Tags.define("' + name + '")');
}

/**
 * The process-wide tag registry, as Unity's Tag Manager. 'Untagged', 'Player', 'Enemy',
 * 'Respawn', 'Finish', 'MainCamera' and 'EditorOnly' are built in; define others once, at load
 * time, and keep the handle.
 *
 * @example
 * const pickupTag = Tags.define('Pickup');
 * if (other.compareTag(pickupTag)) collect(other);
 */
export class Tags {
  private constructor() {}

  /** Defines a tag (or returns the existing handle of that name). */
  static define(name: string): TagHandle {
    if (typeof name !== 'string' || name.length === 0) throw new TypeError('Tags.define: a tag needs a non-empty name');
    return intern(name);
  }

  /** The handle of a defined tag; throws `Unknown tag "Foo": define it first...` otherwise. */
  static get(name: string): TagHandle {
    const handle = byName.get(name);
    if (handle === undefined) throw unknownTag(name);
    return handle;
  }

  /** True when a tag of that name is defined. */
  static has(name: string): boolean {
    return byName.has(name);
  }

  /** The handle with a given id (from `handle.id`). */
  static byId(id: number): TagHandle {
    const handle = handles[id];
    if (handle === undefined) throw new RangeError('Tags.byId: no tag has id ' + id);
    return handle;
  }

  /** Every defined tag's name, in definition order (allocates). */
  static names(): string[] {
    const out: string[] = [];
    for (let i = 0; i < handles.length; i++) out.push(handles[i]!.name);
    return out;
  }

  /** The built-in 'Untagged' tag, which new game objects carry. */
  static readonly untagged: TagHandle = handles[0]!;

  /**
   * A handle for a name or handle, for setters and queries. Looks the name up in a Map (no string
   * is built), so it allocates nothing; an unknown name throws.
   */
  static resolve(tag: TagHandle | string): TagHandle {
    if (typeof tag === 'string') {
      const handle = byName.get(tag);
      if (handle === undefined) throw unknownTag(tag);
      return handle;
    }
    if (!(tag instanceof TagHandle)) throw new TypeError('expected a tag name or a TagHandle from Tags.define()');
    return tag;
  }
}
