/**
 * The page `alloclab view` serves: fetches `recording.json` from its server and shows it, or says
 * in one line why it cannot. `data-viewer` on the document says which ("ready" or "error").
 */
import { readRecordingText } from './recording.ts';
import { installViewerStyle, showRecording } from './viewer.ts';

async function main(): Promise<void> {
  installViewerStyle();
  document.body.style.margin = '0';
  const root = document.getElementById('app') ?? document.body;
  root.classList.add('al-viewer');
  const name = document.documentElement.dataset.recording ?? 'recording.json';
  try {
    const response = await fetch('recording.json');
    if (!response.ok) throw new Error(`the server answered ${response.status} for the recording`);
    showRecording(root, readRecordingText(await response.text(), name), name);
    document.documentElement.dataset.viewer = 'ready';
  } catch (error) {
    const notice = document.createElement('div');
    notice.className = 'al-notice';
    notice.textContent = error instanceof Error ? error.message : String(error);
    root.replaceChildren(notice);
    document.documentElement.dataset.viewer = 'error';
  }
}

void main();
