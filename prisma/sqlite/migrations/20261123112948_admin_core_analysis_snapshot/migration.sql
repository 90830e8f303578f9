-- CreateTable
CREATE TABLE "AnalysisSnapshot" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "asOf" DATETIME NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "customerCount" INTEGER NOT NULL,
    "analysis" TEXT NOT NULL,
    "scoring" TEXT NOT NULL,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "CustomerProfile" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "purchaseDays" INTEGER NOT NULL,
    "firstOrderAt" DATETIME,
    "lastOrderAt" DATETIME,
    "netSpend" REAL NOT NULL,
    "rfmR" INTEGER,
    "rfmF" INTEGER,
    "rfmM" INTEGER,
    "rfmSegment" TEXT,
    "segments" TEXT NOT NULL,
    "predictedClv" REAL,
    "pAlive" REAL,
    "expectedOrders" REAL,
    "source" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "customerId")
);

-- CreateIndex
CREATE INDEX "CustomerProfile_shop_predictedClv_idx" ON "CustomerProfile"("shop", "predictedClv");
