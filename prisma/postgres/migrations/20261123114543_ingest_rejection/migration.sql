-- CreateTable
CREATE TABLE "IngestRejection" (
    "shop" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "field" TEXT,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IngestRejection_pkey" PRIMARY KEY ("shop","source","line")
);
