CREATE TABLE "flash_likes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"flash_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flashes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"title" varchar(256) NOT NULL,
	"summary" text NOT NULL,
	"script" text NOT NULL,
	"permissions" text[] DEFAULT '{}' NOT NULL,
	"visibility" varchar(16) DEFAULT 'public' NOT NULL,
	"liked_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "achievements" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "flash_likes" ADD CONSTRAINT "flash_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_likes" ADD CONSTRAINT "flash_likes_flash_id_flashes_id_fk" FOREIGN KEY ("flash_id") REFERENCES "public"."flashes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flashes" ADD CONSTRAINT "flashes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flash_likes_user_flash_key" ON "flash_likes" USING btree ("user_id","flash_id");--> statement-breakpoint
CREATE INDEX "flash_likes_user_id_idx" ON "flash_likes" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "flash_likes_flash_id_idx" ON "flash_likes" USING btree ("flash_id");--> statement-breakpoint
CREATE INDEX "flashes_user_id_idx" ON "flashes" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "flashes_liked_count_idx" ON "flashes" USING btree ("liked_count","id");--> statement-breakpoint
CREATE INDEX "users_last_active_date_idx" ON "users" USING btree ("last_active_date");