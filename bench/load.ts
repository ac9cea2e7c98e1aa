/**
 * HTTP load on loopback with autocannon, from the benchmark's process to the server's.
 *
 * Two ways of loading, both reported: `paced` is 200 clients sending at a fixed overall rate
 * (open loop, what 200 people at their keyboards do, here several times faster than people
 * type), and its p95 is the figure held to the target; `saturated` is 200 clients sending the
 * next request as soon as the last is answered (closed loop), which shows the throughput
 * ceiling — with 200 requests always in flight its latency is queueing time, ≈ 200 / throughput.
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
  request(context: Context): { path: string; body?: string };
  /** Sees every response, e.g. to keep a revision per connection. */
  onResponse?(status: number, body: string, context: Context): void;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let non2xx = 0;
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
            const { path, body } = options.request(context as Context);
            return {
              ...req,
              path,
              headers: { ...options.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
              ...(body ? { body } : {}),
            };
          },
          onResponse: (status, body, context: object) => {
            if (status < 200 || status >= 300) non2xx++;
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
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    times.length === 0 ? NaN : times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return {
    connections: options.connections,
    rate: options.rate ?? null,
    requests: times.length,
    throughput: times.length / options.seconds,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: times[times.length - 1] ?? NaN,
    errors: result.errors + result.timeouts + non2xx,
  };
}

/** The p-quantile (nearest rank) of a list of numbers. */
export function quantileOf(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
