/**
 * Reassembles a bulk operation's JSONL (groupObjects: false) into one group per root object
 * (an order, a fulfillment order): the root line and every descendant line, joined by `id` and
 * `__parentId`, never by line order. Memory stays bounded (see docs/decisions/0008-bulk-import-pipeline.md):
 *
 * - Shopify writes a parent before its children, but not necessarily right before them. The last
 *   `window` roots stay open; when one more arrives the oldest is complete enough to emit.
 * - A child whose parent is not open yet waits in an orphan buffer keyed by parent id, at most
 *   `orphanLimit` lines; the oldest is then rejected ("parent not seen within …"), and so are those
 *   still waiting at the end of the file.
 *
 * `safeResumeLine()` is the first line a restarted import must re-read so that no group loses a
 * line: the oldest line still held (open root or orphan), or the next line when nothing is held.
 */

export type JsonObject = Record<string, unknown>;

export interface BulkLine {
  line: number;
  node: JsonObject;
}

export interface BulkGroup {
  root: BulkLine;
  /** Children and grandchildren, in arrival order; each node keeps its `__parentId`. */
  descendants: BulkLine[];
}

export interface AssemblyRejection {
  line: number;
  field?: string;
  reason: string;
}

export interface AssemblerOptions {
  /** Roots kept open for late children. */
  window?: number;
  /** Child lines kept while their parent has not arrived. */
  orphanLimit?: number;
}

export const DEFAULT_WINDOW = 2000;
export const DEFAULT_ORPHAN_LIMIT = 50_000;

export class BulkAssembler {
  private readonly window: number;
  private readonly orphanLimit: number;
  /** Open groups by root id. */
  private readonly open = new Map<string, BulkGroup>();
  /**
   * Open root ids, oldest first, from `openHead` on. Not the Map's own order: V8 leaves a hole per
   * deleted entry until it rehashes, so taking the Map's first entry again and again scanned the
   * holes of every emitted group (emitOldest: 3-4% of an import's main thread before, ~2.5% after; profiled).
   */
  private openOrder: string[] = [];
  private openHead = 0;
  /** Any open node id (root or descendant) -> its root id. */
  private readonly rootOf = new Map<string, string>();
  /** Parent id -> children waiting for it. */
  private readonly orphans = new Map<string, BulkLine[]>();
  private orphanCount = 0;
  /** Orphan lines in arrival order, for eviction and the resume line (entries may be stale). */
  private readonly orphanQueue: { parentId: string; line: BulkLine }[] = [];
  private orphanHead = 0;

  constructor(options: AssemblerOptions = {}) {
    this.window = Math.max(1, options.window ?? DEFAULT_WINDOW);
    this.orphanLimit = Math.max(0, options.orphanLimit ?? DEFAULT_ORPHAN_LIMIT);
  }

  /** Adds one parsed line (with a string `id` or `__parentId`); returns groups now complete and lines refused. */
  push(entry: BulkLine, done: BulkGroup[], rejected: AssemblyRejection[]): void {
    const parentId = entry.node.__parentId;
    if (typeof parentId !== "string") {
      this.openRoot(entry, rejected);
      while (this.open.size > this.window) this.emitOldest(done);
      return;
    }
    const rootId = this.rootOf.get(parentId);
    if (rootId !== undefined) {
      this.attach(rootId, entry);
      return;
    }
    this.addOrphan(parentId, entry, rejected);
  }

  /** End of file: every open group is complete; orphans left never found their parent. */
  finish(done: BulkGroup[], rejected: AssemblyRejection[]): void {
    while (this.open.size > 0) this.emitOldest(done);
    for (let i = this.orphanHead; i < this.orphanQueue.length; i++) {
      const { parentId, line } = this.orphanQueue[i];
      if (this.orphans.get(parentId)?.includes(line)) {
        rejected.push({ line: line.line, field: "__parentId", reason: `parent ${parentId} is not in the file (or came more than ${this.window} records earlier)` });
      }
    }
    this.orphans.clear();
    this.orphanQueue.length = 0;
    this.orphanHead = 0;
    this.orphanCount = 0;
  }

  safeResumeLine(nextLine: number): number {
    let first = nextLine;
    // The oldest open group has the smallest root line.
    if (this.openHead < this.openOrder.length) first = Math.min(first, this.open.get(this.openOrder[this.openHead])!.root.line);
    this.dropStaleOrphanHead();
    if (this.orphanHead < this.orphanQueue.length) first = Math.min(first, this.orphanQueue[this.orphanHead].line.line);
    return first;
  }

  get openGroups(): number {
    return this.open.size;
  }

  get pendingOrphans(): number {
    return this.orphanCount;
  }

  private openRoot(entry: BulkLine, rejected: AssemblyRejection[]): void {
    const id = entry.node.id as string;
    if (this.open.has(id)) {
      rejected.push({ line: entry.line, field: "id", reason: `duplicate object ${id} (already on line ${this.open.get(id)!.root.line})` });
      return;
    }
    this.open.set(id, { root: entry, descendants: [] });
    this.openOrder.push(id);
    this.rootOf.set(id, id);
    this.adoptOrphans(id, id);
  }

  private attach(rootId: string, entry: BulkLine): void {
    this.open.get(rootId)!.descendants.push(entry);
    const id = entry.node.id;
    if (typeof id === "string") {
      this.rootOf.set(id, rootId);
      this.adoptOrphans(id, rootId);
    }
  }

  private adoptOrphans(parentId: string, rootId: string): void {
    const waiting = this.orphans.get(parentId);
    if (!waiting) return;
    this.orphans.delete(parentId);
    this.orphanCount -= waiting.length;
    for (const child of waiting) this.attach(rootId, child);
  }

  private addOrphan(parentId: string, entry: BulkLine, rejected: AssemblyRejection[]): void {
    if (this.orphanLimit === 0) {
      rejected.push({ line: entry.line, field: "__parentId", reason: `parent ${parentId} was not seen before this line` });
      return;
    }
    const list = this.orphans.get(parentId);
    if (list) list.push(entry);
    else this.orphans.set(parentId, [entry]);
    this.orphanQueue.push({ parentId, line: entry });
    this.orphanCount++;
    if (this.orphanQueue.length - this.orphanHead > 2 * this.orphanLimit + 1024) this.compactOrphanQueue();
    while (this.orphanCount > this.orphanLimit) this.evictOldestOrphan(rejected);
  }

  private evictOldestOrphan(rejected: AssemblyRejection[]): void {
    this.dropStaleOrphanHead();
    const { parentId, line } = this.orphanQueue[this.orphanHead++];
    const list = this.orphans.get(parentId)!;
    list.splice(list.indexOf(line), 1);
    if (list.length === 0) this.orphans.delete(parentId);
    this.orphanCount--;
    rejected.push({ line: line.line, field: "__parentId", reason: `parent ${parentId} not seen within ${this.orphanLimit} child lines` });
  }

  /** Skips queue entries whose orphan was adopted since; compacts the queue now and then. */
  private dropStaleOrphanHead(): void {
    while (this.orphanHead < this.orphanQueue.length) {
      const { parentId, line } = this.orphanQueue[this.orphanHead];
      const list = this.orphans.get(parentId);
      if (list && list.includes(line)) break;
      this.orphanHead++;
    }
    if (this.orphanHead > 1024 && this.orphanHead * 2 > this.orphanQueue.length) {
      this.orphanQueue.splice(0, this.orphanHead);
      this.orphanHead = 0;
    }
  }

  /** Adopted orphans leave stale queue entries behind; drop them so the queue stays bounded too. */
  private compactOrphanQueue(): void {
    const live = this.orphanQueue.slice(this.orphanHead).filter(({ parentId, line }) => this.orphans.get(parentId)?.includes(line));
    this.orphanQueue.length = 0;
    this.orphanQueue.push(...live);
    this.orphanHead = 0;
  }

  private emitOldest(done: BulkGroup[]): void {
    const rootId = this.openOrder[this.openHead++];
    if (this.openHead >= 4096 && this.openHead * 2 >= this.openOrder.length) {
      this.openOrder = this.openOrder.slice(this.openHead);
      this.openHead = 0;
    }
    const group = this.open.get(rootId)!;
    this.open.delete(rootId);
    this.rootOf.delete(rootId);
    for (const d of group.descendants) if (typeof d.node.id === "string") this.rootOf.delete(d.node.id);
    done.push(group);
  }
}
