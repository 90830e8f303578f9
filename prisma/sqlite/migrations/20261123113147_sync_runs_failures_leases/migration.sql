-- CreateTable
CREATE TABLE "JobLease" (
    "shop" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "job")
);

-- CreateTable
CREATE TABLE "SyncFailure" (
    "shop" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "queryName" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "firstFailedAt" DATETIME NOT NULL,
    "lastFailedAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,

    PRIMARY KEY ("shop", "source", "reference")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "step" TEXT NOT NULL DEFAULT 'start',
    "operationId" TEXT,
    "operationStatus" TEXT,
    "resultUrl" TEXT,
    "checkpointLine" INTEGER NOT NULL DEFAULT 0,
    "recordsDone" INTEGER NOT NULL DEFAULT 0,
    "recordsTotal" INTEGER,
    "rejectedLines" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "importStartedAt" DATETIME,
    "importStartCount" INTEGER NOT NULL DEFAULT 0,
    "nextCheckAt" DATETIME,
    "startedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "error" TEXT
);

-- CreateIndex
CREATE INDEX "SyncFailure_shop_resolvedAt_idx" ON "SyncFailure"("shop", "resolvedAt");

-- CreateIndex
CREATE INDEX "SyncFailure_nextAttemptAt_idx" ON "SyncFailure"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "SyncRun_shop_startedAt_idx" ON "SyncRun"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");
