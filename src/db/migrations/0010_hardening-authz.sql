ALTER TABLE "users" ADD COLUMN "moved_to_uri" varchar(512);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "moved_at" timestamp with time zone;