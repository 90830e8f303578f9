/**
 * Admin GraphQL calls that respect Shopify's cost-based rate limit. Wraps the admin client's
 * `graphql` function (from `authenticate.admin` or `unauthenticated.admin`), so the library keeps
 * handling tokens and API versions; this layer adds what a long sync needs:
 *
 * - waits before a call when the last `throttleStatus` says the bucket cannot pay for it;
 * - retries THROTTLED answers (waiting for the missing points at `restoreRate`), HTTP 429
 *   (`Retry-After`), 5xx and network errors, with exponential backoff and full jitter;
 * - keeps partial data: fields the store has not approved (protected customer data) come back null
 *   with an error each, which must not fail the call;
 * - gives up after `maxAttempts` with an AdminGraphqlError naming the query, which callers record
 *   as a SyncFailure for a later retry (sync-failures.server.ts).
 */
import { GraphqlQueryError, HttpRequestError, HttpResponseError, HttpThrottlingError } from "@shopify/shopify-api";

/** The admin client's `graphql` function (AdminApiContext["graphql"]), narrowed to what is used. */
export type AdminGraphqlFn = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphqlErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

export interface AdminQueryResult<T> {
  data: T;
  /** Field-level errors that came with usable data (e.g. ACCESS_DENIED on a protected field). */
  errors: GraphqlErrorEntry[];
  cost: QueryCost | null;
  attempts: number;
}

export class AdminGraphqlError extends Error {
  constructor(
    readonly queryName: string,
    message: string,
    /** False when retrying cannot help (invalid query, no access): fix first. */
    readonly retryable: boolean,
    readonly attempts: number,
  ) {
    super(`${queryName}: ${message}`);
    this.name = "AdminGraphqlError";
  }
}

export interface AdminQueryOptions {
  variables?: Record<string, unknown>;
  maxAttempts?: number;
  /** Base of the exponential backoff for 5xx and network errors. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Keyed state of the last throttle status seen (one bucket per shop). */
  bucket?: ThrottleBucket;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  log?: (message: string) => void;
}

/** What the last answer said about the shop's bucket, to wait before an unaffordable call. */
export class ThrottleBucket {
  private status: ThrottleStatus | null = null;
  private seenAt = 0;
  private readonly lastCost = new Map<string, number>();

  observe(queryName: string, cost: QueryCost, at: number): void {
    this.status = cost.throttleStatus;
    this.seenAt = at;
    this.lastCost.set(queryName, cost.requestedQueryCost);
  }

  /** Milliseconds to wait so that `queryName` (at its last requested cost) can be paid. */
  waitBefore(queryName: string, at: number): number {
    const cost = this.lastCost.get(queryName);
    if (!this.status || cost === undefined || this.status.restoreRate <= 0) return 0;
    const available = Math.min(
      this.status.maximumAvailable,
      this.status.currentlyAvailable + ((at - this.seenAt) / 1000) * this.status.restoreRate,
    );
    return available >= cost ? 0 : Math.ceil(((cost - available) / this.status.restoreRate) * 1000);
  }
}

const buckets = new Map<string, ThrottleBucket>();
/** The process-wide bucket of a shop (Shopify's limit is per app and store). */
export function shopBucket(shop: string): ThrottleBucket {
  let b = buckets.get(shop);
  if (!b) buckets.set(shop, (b = new ThrottleBucket()));
  return b;
}

/** "query OrderForSync($id: ID!) {…}" → "OrderForSync"; anonymous documents get "anonymous". */
export function operationName(document: string): string {
  return /\b(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1] ?? "anonymous";
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Outcome<T> {
  result?: { data: T; errors: GraphqlErrorEntry[]; cost: QueryCost | null };
  /** Retry after this many ms (before jitter); undefined = not retryable. */
  retryInMs?: number;
  error?: string;
  /** The cost report of a refused call (THROTTLED), to pace the next ones. */
  cost?: QueryCost | null;
}

export async function adminQuery<T>(graphql: AdminGraphqlFn, document: string, options: AdminQueryOptions = {}): Promise<AdminQueryResult<T>> {
  const name = operationName(document);
  const {
    maxAttempts = 6,
    baseDelayMs = 500,
    maxDelayMs = 60_000,
    sleep = defaultSleep,
    random = Math.random,
    now = Date.now,
    log = (m: string) => console.warn(m),
    bucket,
  } = options;
  let lastError = "no attempt";
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const wait = bucket?.waitBefore(name, now()) ?? 0;
    if (wait > 0) await sleep(Math.min(wait, maxDelayMs));
    const outcome = await callOnce<T>(graphql, document, options.variables, baseDelayMs * 2 ** (attempt - 1));
    if (outcome.result) {
      if (outcome.result.cost) bucket?.observe(name, outcome.result.cost, now());
      return { ...outcome.result, attempts: attempt };
    }
    if (outcome.cost) bucket?.observe(name, outcome.cost, now());
    lastError = outcome.error ?? "unknown error";
    if (outcome.retryInMs === undefined) {
      log(`[admin-graphql] ${name} failed (not retryable): ${lastError}`);
      throw new AdminGraphqlError(name, lastError, false, attempt);
    }
    if (attempt < maxAttempts) {
      // Full jitter: spreads the retries of concurrent workers instead of synchronising them.
      const delay = Math.min(maxDelayMs, outcome.retryInMs) * (0.5 + random() * 0.5);
      log(`[admin-graphql] ${name} attempt ${attempt} failed (${lastError}); retrying in ${Math.round(delay)} ms`);
      await sleep(delay);
    }
  }
  log(`[admin-graphql] ${name} gave up after ${maxAttempts} attempts: ${lastError}`);
  throw new AdminGraphqlError(name, lastError, true, maxAttempts);
}

async function callOnce<T>(graphql: AdminGraphqlFn, document: string, variables: Record<string, unknown> | undefined, backoffMs: number): Promise<Outcome<T>> {
  try {
    const res = await graphql(document, variables ? { variables } : undefined);
    const body = (await res.json()) as { data?: T; extensions?: { cost?: QueryCost } };
    return { result: { data: body.data as T, errors: [], cost: body.extensions?.cost ?? null } };
  } catch (e) {
    if (e instanceof GraphqlQueryError) return fromGraphqlErrors<T>(e, backoffMs);
    if (e instanceof HttpThrottlingError) {
      const retryAfter = (e.response as { retryAfter?: number }).retryAfter;
      return { retryInMs: retryAfter !== undefined ? retryAfter * 1000 : backoffMs, error: `HTTP 429 ${e.message.split("\n")[0]}` };
    }
    if (e instanceof HttpResponseError) {
      const code = e.response.code;
      return { retryInMs: code >= 500 ? backoffMs : undefined, error: `HTTP ${code} ${e.response.statusText}` };
    }
    // Network failure before any answer (connection reset, DNS): worth another try.
    if (e instanceof HttpRequestError || e instanceof TypeError) return { retryInMs: backoffMs, error: (e as Error).message };
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function fromGraphqlErrors<T>(e: GraphqlQueryError, backoffMs: number): Outcome<T> {
  const body = (e.body ?? {}) as {
    data?: T | null;
    errors?: { graphQLErrors?: GraphqlErrorEntry[] };
    extensions?: { cost?: QueryCost };
  };
  const errors = body.errors?.graphQLErrors ?? [];
  const cost = body.extensions?.cost ?? null;
  if (errors.some((x) => x.extensions?.code === "THROTTLED")) {
    const s = cost?.throttleStatus;
    const missing = s && cost ? Math.max(0, cost.requestedQueryCost - s.currentlyAvailable) : 0;
    const retryInMs = s && s.restoreRate > 0 && missing > 0 ? Math.ceil((missing / s.restoreRate) * 1000) : backoffMs;
    return { retryInMs, error: "THROTTLED", cost };
  }
  // Usable data with field errors (e.g. protected customer data not approved): keep it.
  if (body.data && errors.every((x) => x.path !== undefined)) return { result: { data: body.data, errors, cost } };
  if (errors.some((x) => x.extensions?.code === "INTERNAL_SERVER_ERROR")) return { retryInMs: backoffMs, error: errors[0].message };
  return { error: errors.map((x) => x.message).join("; ") || e.message };
}
