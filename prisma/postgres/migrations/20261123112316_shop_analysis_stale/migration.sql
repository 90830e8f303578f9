-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "analysisStaleSince" TIMESTAMP(3);

