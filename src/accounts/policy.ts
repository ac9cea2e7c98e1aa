/**
 * The numbers behind sessions and log-in throttling, in one place (docs/rounds.md explains
 * them). Environment variables may shorten or lengthen sessions; the throttle is fixed.
 */
export interface SessionPolicy {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** A session ends this long after log-in, however active. */
  readonly absoluteMs: number;
  /** last_seen_at is written at most this often, so reads stay reads. */
  readonly touchMs: number;
}

const MINUTE = 60_000;

export function sessionPolicy(env: NodeJS.ProcessEnv = process.env): SessionPolicy {
  const minutes = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value * MINUTE : fallback * MINUTE;
  };
  return {
    idleMs: minutes('PEJLING_SESSION_IDLE_MINUTES', 30),
    absoluteMs: minutes('PEJLING_SESSION_MAX_MINUTES', 12 * 60),
    touchMs: MINUTE,
  };
}

export const THROTTLE = {
  /** Failures of one e-mail address within the window before it is locked. */
  accountFailures: 5,
  /** Failures from one client address within the window before it is locked. */
  addressFailures: 50,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
} as const;

/** How long an invitation link works: long enough for someone back from a week away. */
export const INVITE_LINK_MS = 7 * 24 * 60 * MINUTE;
/** How long a reset link asked for on the log-in page works: it is used at once or not at all. */
export const RESET_LINK_MS = 60 * MINUTE;

/**
 * "Forgot password" requests within the throttle window before further ones are ignored (the
 * answer stays the same): per e-mail, so nobody can flood one inbox, and per client address.
 */
export const RESET_THROTTLE = { accountRequests: 3, addressRequests: 20, windowMs: 15 * MINUTE } as const;
