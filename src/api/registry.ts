import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Endpoint, NamedEndpoint } from './define.js';

const ENDPOINTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'endpoints');
const ENDPOINT_FILE = /^(?!.*\.(test|d)\.[jt]s$).*\.[jt]s$/;

let loading: Promise<NamedEndpoint[]> | undefined;

/** Every endpoint file under api/endpoints/, named by its path: endpoints/notes/create.ts is `notes/create`. */
export function loadEndpoints(): Promise<NamedEndpoint[]> {
  loading ??= (async () => {
    const files = (await fs.readdir(ENDPOINTS_DIR, { recursive: true }))
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => ENDPOINT_FILE.test(file));
    // One at a time: the files share most of their imports, and a hundred and more concurrent
    // dynamic imports of one module graph with cycles is pathological under vitest's module runner
    // (minutes instead of a second); in Node either way takes the same time.
    const endpoints: NamedEndpoint[] = [];
    for (const file of files) {
      const module = await import(pathToFileURL(path.join(ENDPOINTS_DIR, file)).href) as { default?: Endpoint };
      if (!module.default?.meta || typeof module.default.handler !== 'function') {
        throw new Error(`api/endpoints/${file} must export default defineEndpoint(...)`);
      }
      endpoints.push({ name: file.replace(/\.[jt]s$/, ''), ...module.default } as NamedEndpoint);
    }
    return endpoints.sort((a, b) => a.name.localeCompare(b.name));
  })();
  return loading;
}
