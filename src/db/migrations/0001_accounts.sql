CREATE TABLE "used_usernames" (
	"username_lower" varchar(128) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_profiles" (
	"user_id" varchar(32) PRIMARY KEY NOT NULL,
	"password" varchar(256),
	"email" varchar(512),
	"email_verified" boolean DEFAULT false NOT NULL,
	"description" text,
	"location" varchar(128),
	"birthday" varchar(10),
	"lang" varchar(32),
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verified_links" text[] DEFAULT '{}' NOT NULL,
	"followed_message" varchar(256),
	"pinned_page_id" varchar(32),
	"public_reactions" boolean DEFAULT true NOT NULL,
	"following_visibility" varchar(16) DEFAULT 'public' NOT NULL,
	"followers_visibility" varchar(16) DEFAULT 'public' NOT NULL,
	"auto_accept_followed" boolean DEFAULT true NOT NULL,
	"careful_bot" boolean DEFAULT false NOT NULL,
	"inject_featured_note" boolean DEFAULT true NOT NULL,
	"receive_announcement_email" boolean DEFAULT true NOT NULL,
	"always_mark_nsfw" boolean DEFAULT false NOT NULL,
	"auto_sensitive" boolean DEFAULT false NOT NULL,
	"no_crawle" boolean DEFAULT false NOT NULL,
	"prevent_ai_learning" boolean DEFAULT true NOT NULL,
	"muted_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hard_muted_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"muted_instances" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notification_recieve_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"email_notification_types" text[] DEFAULT '{"follow","receiveFollowRequest"}' NOT NULL,
	"two_factor_enabled" boolean DEFAULT false NOT NULL,
	"use_password_less_login" boolean DEFAULT false NOT NULL,
	"moderation_note" text DEFAULT '' NOT NULL,
	"logged_in_days" integer DEFAULT 0 NOT NULL,
	"last_logged_in_day" varchar(10),
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signins" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"ip" varchar(128) NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"success" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_root" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_locked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_bot" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_cat" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_explorable" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "hide_online_status" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "require_signin_to_view_contents" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "make_notes_followers_only_before" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "make_notes_hidden_before" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "chat_scope" varchar(32) DEFAULT 'mutual' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_id" varchar(32);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "banner_id" varchar(32);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_decorations" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "also_known_as" text[];--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notes_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "followers_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "following_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_active_date" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD CONSTRAINT "user_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signins" ADD CONSTRAINT "signins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signins_user_id_id_idx" ON "signins" USING btree ("user_id","id");--> statement-breakpoint
-- Accounts made before this migration get a fresh profile and keep their names reserved.
INSERT INTO "user_profiles" ("user_id") SELECT "id" FROM "users" ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "used_usernames" ("username_lower") SELECT "username_lower" FROM "users" WHERE "host" IS NULL ON CONFLICT DO NOTHING;
