-- CreateTable
CREATE TABLE "AnalysisSnapshot" (
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "customerCount" INTEGER NOT NULL,
    "analysis" TEXT NOT NULL,
    "scoring" TEXT NOT NULL,
    "error" TEXT,

    CONSTRAINT "AnalysisSnapshot_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "CustomerProfile" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "purchaseDays" INTEGER NOT NULL,
    "firstOrderAt" TIMESTAMP(3),
    "lastOrderAt" TIMESTAMP(3),
    "netSpend" DOUBLE PRECISION NOT NULL,
    "rfmR" INTEGER,
    "rfmF" INTEGER,
    "rfmM" INTEGER,
    "rfmSegment" TEXT,
    "segments" TEXT NOT NULL,
    "predictedClv" DOUBLE PRECISION,
    "pAlive" DOUBLE PRECISION,
    "expectedOrders" DOUBLE PRECISION,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerProfile_pkey" PRIMARY KEY ("shop","customerId")
);

-- CreateIndex
CREATE INDEX "CustomerProfile_shop_predictedClv_idx" ON "CustomerProfile"("shop", "predictedClv");
