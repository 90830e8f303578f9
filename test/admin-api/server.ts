/**
 * A local stand-in for the Shopify Admin GraphQL API (2026-10) for tests and the demo: an HTTP
 * server that validates and executes GraphQL with graphql-js against the real pinned schema, with
 * resolvers over a LocalStore (demo-generator orders). It implements what the sync uses:
 * `orders`/`order`/`node`/`fulfillmentOrders`/`ordersCount`, `bulkOperationRunQuery` with a JSONL
 * download, `bulkOperation(id)` polling (and the deprecated `currentBulkOperation`), the cost-based
 * leaky bucket with `extensions.cost.throttleStatus`, and injectable faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  execute,
  getNamedType,
  parse,
  validate,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  type OperationDefinitionNode,
} from "graphql";
import { adminSchema } from "../admin-schema";
import { ADMIN_API_VERSION } from "../../app/shopify/api-version";
import { checkBulkQuery } from "../../app/sync/bulk-limits";
import { bulkLines } from "./bulk-jsonl";
import { LeakyBucket, MAX_QUERY_COST, queryCost } from "./cost";
import type { LocalStore, Node } from "./store";

export type Fault =
  /** HTTP 429 with Retry-After. */
  | { kind: "http429"; retryAfterSeconds?: number }
  /** An HTTP 5xx answer. */
  | { kind: "http5xx"; status?: number }
  /** Empties the bucket, so the next call gets a THROTTLED error with its throttleStatus. */
  | { kind: "throttled" }
  /** The next bulk download stops after this share of its bytes (connection dropped mid-line). */
  | { kind: "truncatedDownload"; fraction?: number }
  /** The next bulk operation's file has this line (1-based) replaced by broken JSON. */
  | { kind: "malformedLine"; line: number }
  /** The next bulk operation ends FAILED (INTERNAL_SERVER_ERROR). */
  | { kind: "bulkFailed" };

export interface LocalAdminApiOptions {
  store: LocalStore;
  /** When set, requests without this X-Shopify-Access-Token get 401. */
  accessToken?: string;
  maximumAvailable?: number;
  restoreRate?: number;
  /** `bulkOperation(id)` polls a bulk operation answers RUNNING before it completes. */
  bulkPollsBeforeCompletion?: number;
  /** Called when a bulk operation finishes, as Shopify sends the bulk_operations/finish webhook. */
  onBulkFinish?: (operation: BulkOperationView) => void | Promise<void>;
  clock?: () => number;
}

export interface BulkOperationView {
  __typename: "BulkOperation";
  id: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  errorCode: string | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
  query: string;
  type: "QUERY";
}

interface BulkOperationState {
  view: BulkOperationView;
  jsonl: string;
  rootCount: number;
  lineCount: number;
  pollsLeft: number;
  fail: boolean;
}

interface Context {
  bulk: boolean;
}

export interface RequestLog {
  operationName: string | null;
  status: number;
  throttled: boolean;
}

const CONNECTION_SUFFIX = "Connection";

function encodeCursor(i: number): string {
  return Buffer.from(`cursor:${i}`).toString("base64");
}
function decodeCursor(c: unknown): number {
  if (typeof c !== "string") return -1;
  const m = /^cursor:(\d+)$/.exec(Buffer.from(c, "base64").toString("utf8"));
  return m ? Number(m[1]) : -1;
}

/** A connection over an in-memory list; bulk operations ignore page sizes, as Shopify's do. */
function connection(list: unknown[], args: Record<string, unknown>, ctx: Context) {
  const items = args.reverse ? [...list].reverse() : list;
  const start = decodeCursor(args.after) + 1;
  const first = ctx.bulk ? Infinity : typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : items.length;
  const page = items.slice(start, start + first);
  const edges = page.map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

const fieldResolver: GraphQLFieldResolver<Record<string, unknown>, Context> = (source, args, ctx, info) => {
  const raw = source[info.fieldName];
  const value = typeof raw === "function" ? (raw as (a: unknown, c: Context) => unknown).call(source, args, ctx) : raw;
  const named = getNamedType(info.returnType);
  if (named.name.endsWith(CONNECTION_SUFFIX) && value && typeof value === "object" && !("edges" in value)) {
    const list = Array.isArray(value) ? value : ((value as { nodes?: unknown[] }).nodes ?? []);
    return connection(list, args, ctx);
  }
  return value;
};

const typeResolver: GraphQLTypeResolver<unknown, Context> = (value) => (value as { __typename?: string }).__typename;

export class LocalAdminApi {
  readonly schema = adminSchema();
  readonly requests: RequestLog[] = [];
  private readonly faults: Fault[] = [];
  private readonly operations = new Map<string, BulkOperationState>();
  private readonly exports = new Map<string, { lines: readonly string[]; rootCount: number }>();
  private readonly bucket: LeakyBucket;
  private server: Server | null = null;
  private nextOperation = 1;
  url = "";

  constructor(private readonly options: LocalAdminApiOptions) {
    this.bucket = new LeakyBucket(options.maximumAvailable ?? 2000, options.restoreRate ?? 100, options.clock ?? Date.now);
  }

  get store(): LocalStore {
    return this.options.store;
  }

  /** Listens on 127.0.0.1 (`port` 0 = any free port). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ errors: String(e) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Queues a fault; faults apply in order, each once, to the request kind they concern. */
  inject(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  pendingFaults(): readonly Fault[] {
    return this.faults;
  }

  bulkOperation(id: string): BulkOperationView | undefined {
    return this.operations.get(id)?.view;
  }

  /** Completes every running bulk operation now (as if Shopify had finished the export). */
  async finishBulkOperations(): Promise<void> {
    for (const op of this.operations.values()) if (op.view.status === "RUNNING") await this.complete(op);
  }

  private takeFault<K extends Fault["kind"]>(...kinds: K[]): Extract<Fault, { kind: K }> | undefined {
    const i = this.faults.findIndex((f) => (kinds as string[]).includes(f.kind));
    return i < 0 ? undefined : (this.faults.splice(i, 1)[0] as Extract<Fault, { kind: K }>);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const download = /^\/bulk\/(\d+)\.jsonl$/.exec(url.pathname);
    if (req.method === "GET" && download) return this.serveDownload(download[1], res);
    const api = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
    if (req.method !== "POST" || !api) return send(res, 404, { errors: "Not Found" });
    if (api[1] !== ADMIN_API_VERSION) return send(res, 404, { errors: `API version ${api[1]} is not served here` });
    if (this.options.accessToken && req.headers["x-shopify-access-token"] !== this.options.accessToken) {
      return send(res, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
    const body = JSON.parse(await readBody(req)) as { query?: string; variables?: Record<string, unknown> };
    const log: RequestLog = { operationName: null, status: 200, throttled: false };
    this.requests.push(log);

    const fault = this.takeFault("http429", "http5xx", "throttled");
    if (fault?.kind === "http429") {
      log.status = 429;
      return send(res, 429, { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }, {
        "Retry-After": String(fault.retryAfterSeconds ?? 0.05),
      });
    }
    if (fault?.kind === "http5xx") {
      log.status = fault.status ?? 503;
      return send(res, log.status, { errors: "Service Unavailable" });
    }
    if (fault?.kind === "throttled") this.bucket.take(this.bucket.currentlyAvailable());

    let document: DocumentNode;
    try {
      document = parse(body.query ?? "");
    } catch (e) {
      return send(res, 200, { errors: [{ message: (e as Error).message, extensions: { code: "GRAPHQL_PARSE_FAILED" } }] });
    }
    const invalid = validate(this.schema, document);
    if (invalid.length) return send(res, 200, { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) });
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    log.operationName = operation.name?.value ?? null;
    const fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const variables = body.variables ?? {};
    const requested = queryCost(this.schema, operation, fragments, variables);
    if (requested > MAX_QUERY_COST) {
      return send(res, 200, {
        errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_QUERY_COST } }],
      });
    }
    if (!this.bucket.take(requested)) {
      log.throttled = true;
      return send(res, 200, {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: this.bucket.status() } },
      });
    }
    const result = await execute({
      schema: this.schema,
      document,
      rootValue: operation.operation === "mutation" ? this.mutationRoot() : this.queryRoot(),
      contextValue: { bulk: false } satisfies Context,
      variableValues: variables,
      fieldResolver,
      typeResolver,
    });
    send(res, 200, {
      ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path, locations: e.locations })) } : {}),
      data: result.data ?? null,
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: this.bucket.status() } },
    });
  }

  private queryRoot() {
    const store = this.store;
    return {
      orders: (args: Record<string, unknown>, ctx: Context) => connection(store.orders, args, ctx),
      fulfillmentOrders: (args: Record<string, unknown>, ctx: Context) => connection(store.fulfillmentOrders, args, ctx),
      order: ({ id }: { id: string }) => {
        const node = store.byId.get(id);
        return node?.__typename === "Order" ? node : null;
      },
      node: ({ id }: { id: string }) => store.byId.get(id) ?? this.poll(id) ?? null,
      ordersCount: () => ({ count: store.orders.length, precision: "EXACT" }),
      bulkOperation: ({ id }: { id: string }) => this.poll(id) ?? null,
      currentBulkOperation: () => {
        const last = [...this.operations.values()].pop();
        return last ? this.poll(last.view.id) : null;
      },
    };
  }

  private mutationRoot() {
    return {
      bulkOperationRunQuery: (args: { query: string; groupObjects: boolean }) => this.runBulkQuery(args.query),
    };
  }

  private async runBulkQuery(query: string) {
    const userError = (message: string) => ({ bulkOperation: null, userErrors: [{ field: ["query"], message, code: "INVALID" }] });
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (e) {
      return userError((e as Error).message);
    }
    const invalid = validate(this.schema, document);
    if (invalid.length) return userError(invalid.map((e) => e.message).join("; "));
    const problems = checkBulkQuery(this.schema, query).problems;
    if (problems.length) return userError(problems.join("; "));
    const running = [...this.operations.values()].filter((o) => o.view.status === "RUNNING" || o.view.status === "CREATED");
    if (running.length >= 5) return { bulkOperation: null, userErrors: [{ field: null, message: "A bulk query operation for this app and shop is already in progress", code: "OPERATION_IN_PROGRESS" }] };

    const { lines: exported, rootCount } = await this.exportLines(query, document);
    const lines = [...exported];
    const malformed = this.takeFault("malformedLine");
    if (malformed && malformed.line >= 1 && malformed.line <= lines.length) lines[malformed.line - 1] = lines[malformed.line - 1].slice(0, 25);
    const n = this.nextOperation++;
    const view: BulkOperationView = {
      __typename: "BulkOperation",
      id: `gid://shopify/BulkOperation/${n}`,
      status: "RUNNING",
      errorCode: null,
      createdAt: new Date((this.options.clock ?? Date.now)()).toISOString(),
      completedAt: null,
      objectCount: "0",
      rootObjectCount: "0",
      fileSize: null,
      url: null,
      partialDataUrl: null,
      query,
      type: "QUERY",
    };
    this.operations.set(view.id, {
      view,
      jsonl: lines.length ? lines.join("\n") + "\n" : "",
      rootCount,
      lineCount: lines.length,
      pollsLeft: this.options.bulkPollsBeforeCompletion ?? 1,
      fail: this.takeFault("bulkFailed") !== undefined,
    });
    return { bulkOperation: { ...view, status: "CREATED" }, userErrors: [] };
  }

  /** The JSONL lines of a bulk query, reused while the store is unchanged (executing is the slow part). */
  private async exportLines(query: string, document: DocumentNode): Promise<{ lines: readonly string[]; rootCount: number }> {
    const key = `${this.store.version}\n${query}`;
    const cached = this.exports.get(key);
    if (cached) return cached;
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const result = await execute({ schema: this.schema, document, rootValue: this.queryRoot(), contextValue: { bulk: true } satisfies Context, fieldResolver, typeResolver });
    if (result.errors?.length) throw new Error(`bulk query failed in the local Admin API: ${result.errors[0].message}`);
    const lines: string[] = [];
    let rootCount = 0;
    for (const line of bulkLines(this.schema, operation, result.data as Record<string, unknown>)) {
      lines.push(line);
      if (!line.includes('"__parentId"')) rootCount++;
    }
    const entry = { lines, rootCount };
    // Exports of older versions of the store are stale.
    for (const k of this.exports.keys()) if (!k.startsWith(`${this.store.version}\n`)) this.exports.delete(k);
    this.exports.set(key, entry);
    return entry;
  }

  /** Answers a poll; the operation completes after the configured number of polls. */
  private poll(id: string): BulkOperationView | undefined {
    const op = this.operations.get(id);
    if (!op) return undefined;
    if (op.view.status === "RUNNING") {
      if (op.pollsLeft <= 0) void this.complete(op);
      else op.pollsLeft--;
    }
    return op.view;
  }

  private async complete(op: BulkOperationState): Promise<void> {
    if (op.view.status !== "RUNNING") return;
    const now = new Date((this.options.clock ?? Date.now)()).toISOString();
    if (op.fail) {
      Object.assign(op.view, { status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", completedAt: now });
    } else {
      const n = op.view.id.slice(op.view.id.lastIndexOf("/") + 1);
      Object.assign(op.view, {
        status: "COMPLETED",
        completedAt: now,
        objectCount: String(op.lineCount),
        rootObjectCount: String(op.rootCount),
        fileSize: String(Buffer.byteLength(op.jsonl)),
        // Shopify answers url: null when the export is empty.
        url: op.lineCount ? `${this.url}/bulk/${n}.jsonl` : null,
      });
    }
    await this.options.onBulkFinish?.(op.view);
  }

  private serveDownload(n: string, res: ServerResponse): void {
    const op = this.operations.get(`gid://shopify/BulkOperation/${n}`);
    if (!op || op.view.status !== "COMPLETED") return send(res, 404, { errors: "Not Found" });
    const bytes = Buffer.from(op.jsonl);
    const truncated = this.takeFault("truncatedDownload");
    res.writeHead(200, { "Content-Type": "application/jsonl", "Content-Length": String(bytes.length) });
    if (!truncated) {
      res.end(bytes);
      return;
    }
    // Promise the whole file, send part of it, then drop the connection (mid-line).
    res.write(bytes.subarray(0, Math.floor(bytes.length * (truncated.fraction ?? 0.5))), () => res.destroy());
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export async function startLocalAdminApi(options: LocalAdminApiOptions): Promise<LocalAdminApi> {
  return new LocalAdminApi(options).start();
}

export type { Node };
