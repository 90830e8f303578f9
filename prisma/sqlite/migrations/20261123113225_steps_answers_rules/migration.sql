-- CreateTable
CREATE TABLE "ExceptionFacts" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "asOf" DATETIME NOT NULL,
    "orders" INTEGER NOT NULL,
    "facts" BLOB NOT NULL,
    "computedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ExceptionRule" (
    "shop" TEXT NOT NULL,
    "exception" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "definition" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "exception")
);

-- CreateTable
CREATE TABLE "GuidedProgress" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "currentStep" TEXT NOT NULL,
    "completedSteps" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StepAnswers" (
    "shop" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "step")
);
