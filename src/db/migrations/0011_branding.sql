CREATE TABLE "ads" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"place" varchar(32) NOT NULL,
	"priority" varchar(32) NOT NULL,
	"ratio" integer DEFAULT 1 NOT NULL,
	"url" varchar(1024) NOT NULL,
	"image_url" varchar(1024) NOT NULL,
	"memo" varchar(8192) DEFAULT '' NOT NULL,
	"day_of_week" integer DEFAULT 0 NOT NULL,
	"is_sensitive" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "avatar_decorations" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"updated_at" timestamp with time zone,
	"url" varchar(1024) NOT NULL,
	"name" varchar(256) NOT NULL,
	"description" varchar(2048) NOT NULL,
	"role_ids_that_can_be_used_this_decoration" text[] DEFAULT '{}' NOT NULL,
	"category" varchar(128)
);
--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "default_light_theme" text;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "default_dark_theme" text;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "mascot_image_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "server_error_image_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "info_image_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "not_found_image_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "notes_per_one_ad" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "ads_window_idx" ON "ads" USING btree ("expires_at","starts_at");