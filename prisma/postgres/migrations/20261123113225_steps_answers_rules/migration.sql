-- CreateTable
CREATE TABLE "ExceptionFacts" (
    "shop" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "orders" INTEGER NOT NULL,
    "facts" BYTEA NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExceptionFacts_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "ExceptionRule" (
    "shop" TEXT NOT NULL,
    "exception" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "definition" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExceptionRule_pkey" PRIMARY KEY ("shop","exception")
);

-- CreateTable
CREATE TABLE "GuidedProgress" (
    "shop" TEXT NOT NULL,
    "currentStep" TEXT NOT NULL,
    "completedSteps" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuidedProgress_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "StepAnswers" (
    "shop" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StepAnswers_pkey" PRIMARY KEY ("shop","step")
);
