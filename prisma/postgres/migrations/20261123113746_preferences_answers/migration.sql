-- CreateTable
CREATE TABLE "CustomerPreference" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "speedVsCost" TEXT,
    "deliveryWindow" TEXT,
    "deliveryDays" TEXT,
    "notifications" TEXT,
    "source" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "answers" INTEGER NOT NULL,
    "answeredOrders" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerPreference_pkey" PRIMARY KEY ("shop","customerId")
);

-- CreateTable
CREATE TABLE "PreferenceAnswer" (
    "shop" TEXT NOT NULL,
    "answerKey" TEXT NOT NULL,
    "customerId" TEXT,
    "orderId" TEXT,
    "source" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "speedVsCost" TEXT,
    "deliveryWindow" TEXT,
    "deliveryDays" TEXT,
    "notifications" TEXT,
    "giftPackaging" BOOLEAN,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PreferenceAnswer_pkey" PRIMARY KEY ("shop","answerKey")
);

-- CreateIndex
CREATE INDEX "PreferenceAnswer_shop_customerId_idx" ON "PreferenceAnswer"("shop", "customerId");

-- CreateIndex
CREATE INDEX "PreferenceAnswer_shop_orderId_idx" ON "PreferenceAnswer"("shop", "orderId");
