import { readRecordingText } from '../viewer/recording.ts';
import { installViewerStyle, showRecording } from '../viewer/viewer.ts';

/**
 * A JSON file dropped on the sandbox opens in the recording viewer, over the page (the scene keeps
 * running under it); Close or Esc returns. A file that is not a recording, or not JSON, is said in
 * one line there instead. The sandbox's own Record → JSON, the CLI's and the reporter's files open.
 */
export function installRecordingDrop(target: HTMLElement = document.body): void {
  target.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  target.addEventListener('drop', (event) => {
    const file = event.dataTransfer?.files[0];
    if (file === undefined) return;
    event.preventDefault();
    void file.text().then((text) => openDropped(file.name, text));
  });
}

/** Shows the dropped file's text in the viewer over the page, or the one line that says why not. */
export function openDropped(name: string, text: string): void {
  installViewerStyle();
  document.querySelector('.al-drop-view')?.remove();
  const layer = document.createElement('div');
  layer.className = 'al-drop-view';
  Object.assign(layer.style, { position: 'fixed', inset: '0', zIndex: '10', overflow: 'auto' });
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'al-drop-close';
  close.textContent = 'Close (Esc)';
  Object.assign(close.style, { position: 'absolute', top: '8px', right: '8px', zIndex: '1' });
  const content = document.createElement('div');
  content.className = 'al-viewer';
  layer.append(content, close);
  document.body.append(layer);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') dismiss();
  };
  const dismiss = () => {
    layer.remove();
    document.removeEventListener('keydown', onKey);
  };
  close.addEventListener('click', dismiss);
  document.addEventListener('keydown', onKey);
  try {
    showRecording(content, readRecordingText(text, name), name);
  } catch (error) {
    const notice = document.createElement('div');
    notice.className = 'al-notice';
    notice.textContent = error instanceof Error ? error.message : String(error);
    content.replaceChildren(notice);
  }
}
