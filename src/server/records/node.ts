/**
 * `toNodeListener(store.handle)`: the store's Web-standard handler as a node:http listener,
 * which Express and Fastify mount too (docs/server/records.md "Mounting it"). Typed by shape,
 * with no `node:` import: this file is part of the dependency-free server entry.
 */

/** The parts of node:http's IncomingMessage the bridge reads. */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string | undefined; encrypted?: boolean } | null;
}

/** The parts of node:http's ServerResponse the bridge writes. */
export interface NodeResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: Uint8Array): unknown;
  end(): unknown;
  destroy(): unknown;
}

export interface NodeListenerOptions {
  /**
   * The client's address, for the rate limit (never stored). Default: the connection's peer.
   * Behind a proxy, give the address the proxy passes on.
   */
  address?: (request: NodeRequest) => string | undefined;
}

type Handle = (request: Request, client?: { address?: string }) => Promise<Response>;

/** A node:http listener that answers through `handle`. */
export function toNodeListener(
  handle: Handle,
  { address = (req) => req.socket?.remoteAddress }: NodeListenerOptions = {},
): (req: NodeRequest, res: NodeResponse) => void {
  return (req, res) => {
    void answer(handle, req, res, address(req)).catch(() => res.destroy());
  };
}

async function answer(
  handle: Handle,
  req: NodeRequest,
  res: NodeResponse,
  address: string | undefined,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !name.startsWith(':'))
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  const scheme = req.socket?.encrypted ? 'https' : 'http';
  const url = new URL(req.url ?? '/', `${scheme}://${headers.get('host') ?? 'localhost'}`);
  const method = req.method ?? 'GET';
  const chunks = req[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  // Read as the handler reads: it stops at the size limit, and the rest is never taken in.
  const body =
    method === 'GET' || method === 'HEAD'
      ? null
      : new ReadableStream<Uint8Array>({
          async pull(controller) {
            const next = await chunks.next();
            if (next.done) controller.close();
            else
              controller.enqueue(
                typeof next.value === 'string' ? encoder.encode(next.value) : next.value,
              );
          },
          async cancel() {
            await chunks.return?.();
          },
        });
  // `duplex` is required with a stream body (Fetch), and not yet in TypeScript's RequestInit.
  const init = { method, headers, body, duplex: 'half' } as RequestInit;
  const response = await handle(new Request(url, init), address ? { address } : {});
  res.writeHead(response.status, Object.fromEntries(response.headers));
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader?.read())
    res.write(next.value);
  res.end();
}
