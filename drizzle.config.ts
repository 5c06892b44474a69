import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns schema changes into a new SQL migration under src/db/migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});
