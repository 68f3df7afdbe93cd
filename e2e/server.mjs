// A minimal static file server for the built bundle (dist/), bound to loopback only.
// Used by the end-to-end tests; `trunk serve` is what people use.

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `root` on 127.0.0.1 at a free port; resolves to { url, close }. With `cors`, any
 * origin may read the files (as a public coverage host would allow). `pages` adds pages by
 * path: `{ '/portal.html': { body, headers } }`. `onResponse(path, status, bytes)` is told of
 * every file served.
 */
export function serve(root, { cors = false, pages = {}, onResponse } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (pages[path]) {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/html; charset=utf-8', ...pages[path].headers })
        .end(pages[path].body);
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      // Validators, as any static host sends them: a second request for a file the browser
      // has is answered 304 without the body.
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', etag };
      if (cors) headers['access-control-allow-origin'] = '*';
      const fresh = req.headers['if-none-match'] === etag;
      onResponse?.(path, fresh ? 304 : 200, fresh ? 0 : body.length);
      res.writeHead(fresh ? 304 : 200, headers).end(fresh ? undefined : body);
    } catch {
      res.writeHead(404, cors ? { 'access-control-allow-origin': '*' } : {}).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      // Closing ends the connections a browser keeps open too, rather than waiting for them.
      const close = () => new Promise((done) => { server.close(done); server.closeAllConnections(); });
      resolve({ url: `http://127.0.0.1:${port}/`, close });
    });
  });
}
