import { freshDatabase, removeDatabase } from "./database";

export default async function setup() {
  await freshDatabase();
  return () => removeDatabase();
}
