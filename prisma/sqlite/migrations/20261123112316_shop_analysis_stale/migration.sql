-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "analysisStaleSince" DATETIME;

