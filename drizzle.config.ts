// drizzle-kit generates SQL migrations from the schema into migrations/, which wrangler applies to D1.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/db/schema/index.ts',
  out: './migrations',
});
