/**
 * HTTP load on loopback, from the benchmark's process to the server's. Two ways, both
 * reported:
 *
 * - paced (`runPaced`): requests sent on a fixed schedule at an overall rate, each timed from
 *   the moment it was due (so a slow server cannot hide its delays by slowing the sender
 *   down), from up to 200 clients at once: what 200 people at their keyboards do. Its p95 is
 *   the figure held to the target. (autocannon's own rate option sends each second's requests
 *   in one burst, which measures the burst, not the rate.)
 * - flat out (`runLoad`, autocannon): 200 clients each sending the next request as soon as the
 *   last is answered (closed loop), which shows the throughput ceiling; with 200 requests
 *   always in flight its latency is queueing time, ≈ 200 ÷ throughput.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  readonly connections: number;
  /** Requests per second asked for; null when saturated. */
  readonly rate: number | null;
  readonly requests: number;
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Connection errors, timeouts and non-2xx responses. */
  readonly errors: number;
  /** Responses by HTTP status. */
  readonly statuses: Record<string, number>;
}

interface Context {
  [key: string]: unknown;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** Overall requests per second; omitted = saturate. */
  readonly rate?: number;
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly headers?: Record<string, string>;
  /** The path (and body) of each request, from state kept per connection. */
  request(context: Context): { path: string; body?: string; headers?: Record<string, string> };
  /** Sees every response, e.g. to keep a revision per connection. */
  onResponse?(status: number, body: string, context: Context): void;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let non2xx = 0;
  const statuses: Record<string, number> = {};
  let finished!: (result: autocannon.Result) => void;
  let failed!: (err: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finished = resolve), (failed = reject)));
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      ...(options.rate ? { overallRate: options.rate } : {}),
      timeout: 10,
      requests: [
        {
          method: options.method,
          setupRequest: (req, context: object) => {
            const { path, body, headers } = options.request(context as Context);
            return {
              ...req,
              path,
              headers: {
                ...options.headers,
                ...headers,
                ...(body ? { 'content-type': 'application/json' } : {}),
              },
              ...(body ? { body } : {}),
            };
          },
          onResponse: (status, body, context: object) => {
            if (status < 200 || status >= 300) non2xx++;
            statuses[status] = (statuses[status] ?? 0) + 1;
            options.onResponse?.(status, body, context as Context);
          },
        },
      ],
    },
    (err, result) => (err ? failed(err) : finished(result)),
  );
  // autocannon's summary has p90 and p97.5 but no p95: keep every response time instead.
  const times: number[] = [];
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await done;
  return summary(options.connections, options.rate ?? null, options.seconds, times, {
    errors: result.errors + result.timeouts + non2xx,
    statuses,
  });
}

/** The result of a run from its response times (any order). */
function summary(
  connections: number,
  rate: number | null,
  seconds: number,
  times: number[],
  outcome: { errors: number; statuses: Record<string, number> },
): LoadResult {
  times.sort((a, b) => a - b);
  return {
    connections,
    rate,
    requests: times.length,
    throughput: times.length / seconds,
    p50Ms: quantileOf(times, 0.5),
    p95Ms: quantileOf(times, 0.95),
    p99Ms: quantileOf(times, 0.99),
    maxMs: times[times.length - 1] ?? NaN,
    ...outcome,
  };
}

/** The p-quantile (nearest rank) of a list of numbers. */
export function quantileOf(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export interface PacedOptions {
  readonly url: string;
  /** Most requests in flight at once (the clients). */
  readonly clients: number;
  readonly seconds: number;
  /** Requests per second, evenly spaced. */
  readonly rate: number;
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly headers?: Record<string, string>;
  /** The next request; `done` is called with its answer. */
  request(): {
    path: string;
    body?: string;
    headers?: Record<string, string>;
    done?(status: number, body: string): void;
  };
}

export async function runPaced(options: PacedOptions): Promise<LoadResult> {
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let inFlight = 0;
  let skipped = 0;
  const start = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= options.clients) {
      // Every client is waiting for an answer: the request that is due cannot be sent.
      skipped++;
      errors++;
      continue;
    }
    inFlight++;
    const { path, body, headers, done } = options.request();
    sends.push(
      fetch(`${options.url}${path}`, {
        method: options.method,
        headers: {
          ...options.headers,
          ...headers,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (res) => {
          const text = await res.text();
          times.push(performance.now() - due);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (!res.ok) errors++;
          done?.(res.status, text);
        })
        .catch(() => {
          errors++;
          statuses.failed = (statuses.failed ?? 0) + 1;
        })
        .finally(() => inFlight--),
    );
  }
  await Promise.all(sends);
  if (skipped > 0) statuses.skipped = skipped;
  return summary(options.clients, options.rate, options.seconds, times, { errors, statuses });
}
