-- CreateTable
CREATE TABLE "CustomerPreference" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "speedVsCost" TEXT,
    "deliveryWindow" TEXT,
    "deliveryDays" TEXT,
    "notifications" TEXT,
    "source" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    "answers" INTEGER NOT NULL,
    "answeredOrders" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "customerId")
);

-- CreateTable
CREATE TABLE "PreferenceAnswer" (
    "shop" TEXT NOT NULL,
    "answerKey" TEXT NOT NULL,
    "customerId" TEXT,
    "orderId" TEXT,
    "source" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    "speedVsCost" TEXT,
    "deliveryWindow" TEXT,
    "deliveryDays" TEXT,
    "notifications" TEXT,
    "giftPackaging" BOOLEAN,
    "recordedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "answerKey")
);

-- CreateIndex
CREATE INDEX "PreferenceAnswer_shop_customerId_idx" ON "PreferenceAnswer"("shop", "customerId");

-- CreateIndex
CREATE INDEX "PreferenceAnswer_shop_orderId_idx" ON "PreferenceAnswer"("shop", "orderId");
