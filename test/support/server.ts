import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the server received it, body buffered. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as sent on the request line. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  /** Header names and values as they came on the wire, in order (duplicates kept). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** Handles one request; `req.body` is the whole request body. */
export type RouteHandler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Routes `METHOD /path` (path without query) to a handler; later calls replace earlier ones. */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Handles everything no route matches (default: 404 JSON). */
  fallback(handler: RouteHandler): void;
  /** Forgets routes and recorded requests (sockets stay open). */
  reset(): void;
  /** Stops listening and destroys every open socket, so keep-alive connections cannot hang the run. */
  close(): Promise<void>;
}

/** Sends a JSON body with status and optional headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Starts a node:http server on `host` (a loopback address), port 0, with programmable routes. */
export async function startServer(host = '127.0.0.1'): Promise<TestServer> {
  const routes = new Map<string, RouteHandler>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const notFound: RouteHandler = (req, res) => sendJson(res, 404, { error: `no route for ${req.method} ${req.url}` });
  let fallback = notFound;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const path = recorded.url.split('?')[0] ?? '';
      const handler = routes.get(`${recorded.method} ${path}`) ?? fallback;
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 599, { error: String(error) });
        else res.destroy();
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    route: (method, path, handler) => void routes.set(`${method.toUpperCase()} ${path}`, handler),
    fallback: (handler) => void (fallback = handler),
    reset: () => {
      routes.clear();
      requests.length = 0;
      fallback = notFound;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
