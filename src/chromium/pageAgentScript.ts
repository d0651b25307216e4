import type { PageAgentConfig } from '../page/agent/pageProtocol.ts';
import { ownModule } from '../node/packageLayout.ts';
import { bundledScript } from './bundleScript.ts';

const AGENT_ENTRY = ownModule('src/page/agent/pageAgent.ts');

/** Where the package build puts the bundle (`npm pack` runs it), so an installed CLI needs no Vite for `page`. */
export const PAGE_AGENT_FILE = 'page-agent.js';

/**
 * The page agent as one self-contained classic script. Why a bundle: `addInitScript` runs a script
 * before the page's own, where no module loader exists.
 */
export function pageAgentBundle(): Promise<string> {
  return bundledScript(AGENT_ENTRY, 'alloclabPageAgent', PAGE_AGENT_FILE);
}

/** The script `alloclab page` adds to every document of the page, before the page's scripts. */
export async function pageAgentScript(config: PageAgentConfig): Promise<string> {
  return `window.alloclabPageConfig = ${JSON.stringify(config)};\n${await pageAgentBundle()}`;
}
