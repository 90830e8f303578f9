-- CreateTable
CREATE TABLE "IngestRejection" (
    "shop" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "field" TEXT,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "source", "line")
);
