import { freshDatabase } from "./database";

export default async function setup() {
  await freshDatabase();
}
