/**
 * A tiny static HTTP server for the benchmark's own pages (127.0.0.1, a free port): a fixed
 * map of paths to bodies, nothing else, nothing from the internet.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticFile {
  contentType: string;
  body: string | Buffer;
}

export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

export async function startStaticServer(files: Readonly<Record<string, StaticFile>>): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const f = req.method === 'GET' || req.method === 'HEAD' ? files[url.pathname] : undefined;
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': f.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : f.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
