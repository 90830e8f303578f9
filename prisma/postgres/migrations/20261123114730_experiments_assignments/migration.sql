-- CreateTable
CREATE TABLE "ExperimentAssignment" (
    "shop" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExperimentAssignment_pkey" PRIMARY KEY ("shop","experimentId","unitId")
);

-- CreateTable
CREATE TABLE "Experiment" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "variable" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("shop","id")
);

-- CreateIndex
CREATE INDEX "ExperimentAssignment_shop_customerId_idx" ON "ExperimentAssignment"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Experiment_shop_status_idx" ON "Experiment"("shop", "status");

-- AddForeignKey
ALTER TABLE "ExperimentAssignment" ADD CONSTRAINT "ExperimentAssignment_shop_experimentId_fkey" FOREIGN KEY ("shop", "experimentId") REFERENCES "Experiment"("shop", "id") ON DELETE CASCADE ON UPDATE CASCADE;

