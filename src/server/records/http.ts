/**
 * What the receipt endpoint checks before a receipt is read (docs/server/records.md "Who may
 * send a receipt"): the page's origin, the rate per client address (in memory, never stored),
 * and the body's size and the time it takes to arrive.
 */

export interface Answer {
  status: number;
  text: string;
  headers?: Record<string, string>;
}

/**
 * The origin a request comes from, if the store takes receipts from it: a page of the host the
 * request was sent to (its Host header; a proxy in front may speak plain http to it), or one of
 * `origins`.
 */
export function allowedOrigin(request: Request, origins: readonly string[]): string | null {
  const origin = request.headers.get('origin');
  if (!origin) return null;
  if (origins.includes(origin)) return origin;
  try {
    return new URL(origin).host === new URL(request.url).host ? origin : null;
  } catch {
    return null; // `null` (a sandboxed page) or no URL at all
  }
}

/** Counts requests per client address in windows of one minute; `perMinute` 0 counts nothing. */
export function rateLimiter(
  perMinute: number,
): (address: string | undefined, now: number) => number {
  const windows = new Map<string, { start: number; count: number }>();
  /** Seconds until `address` may send again; 0 when it may now. */
  return (address, now) => {
    if (!perMinute || !address) return 0;
    let current = windows.get(address);
    if (!current || now - current.start >= 60_000) {
      // Forget the windows that are over, once there are many: the map stays small.
      if (windows.size >= 10_000)
        for (const [key, w] of windows) if (now - w.start >= 60_000) windows.delete(key);
      current = { start: now, count: 0 };
      windows.set(address, current);
    }
    current.count++;
    return current.count > perMinute ? Math.ceil((current.start + 60_000 - now) / 1000) : 0;
  };
}

/** A body as read: its text, and its size in bytes (as it came, UTF-8). */
export interface Body {
  text: string;
  bytes: number;
}

/**
 * The body, or the answer to send instead: 413 past `limit` bytes (said by Content-Length or
 * found while reading), 408 when it has not all arrived within `timeoutMs`.
 */
export async function readBody(
  request: Request,
  limit: number,
  timeoutMs: number,
): Promise<Body | Answer> {
  const tooLarge: Answer = { status: 413, text: `at most ${limit} bytes` };
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) return tooLarge;
  if (!request.body) return { text: '', bytes: 0 };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Answer>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 408, text: 'the receipt took too long' }),
      timeoutMs,
    );
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), late]);
      if ('status' in next) return next;
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limit) return tooLarge;
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
    // Stop reading (a body past the limit or too slow): the connection may then be closed.
    reader.cancel().catch(() => {});
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(body), bytes: size };
}
