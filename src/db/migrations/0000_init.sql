CREATE TABLE "meta" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"name" varchar(1024),
	"short_name" varchar(64),
	"description" text,
	"maintainer_name" varchar(1024),
	"maintainer_email" varchar(1024),
	"langs" text[] DEFAULT '{}' NOT NULL,
	"tos_url" varchar(1024),
	"repository_url" varchar(1024),
	"feedback_url" varchar(1024),
	"impressum_url" varchar(1024),
	"privacy_policy_url" varchar(1024),
	"inquiry_url" varchar(1024),
	"icon_url" varchar(1024),
	"banner_url" varchar(1024),
	"background_image_url" varchar(1024),
	"logo_image_url" varchar(1024),
	"theme_color" varchar(512),
	"server_rules" text[] DEFAULT '{}' NOT NULL,
	"disable_registration" boolean DEFAULT false NOT NULL,
	"email_required_for_signup" boolean DEFAULT false NOT NULL,
	"enable_server_machine_stats" boolean DEFAULT false NOT NULL,
	"policies" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"max_note_text_length" integer DEFAULT 3000 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"username" varchar(128) NOT NULL,
	"username_lower" varchar(128) NOT NULL,
	"host" varchar(512),
	"name" varchar(128),
	"is_admin" boolean DEFAULT false NOT NULL,
	"is_moderator" boolean DEFAULT false NOT NULL,
	"is_suspended" boolean DEFAULT false NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "access_tokens" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"signed_token_hash" varchar(64),
	"is_native" boolean DEFAULT false NOT NULL,
	"permissions" text[] DEFAULT '{}' NOT NULL,
	"name" varchar(128),
	"description" varchar(512),
	"icon_url" varchar(512),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "access_tokens_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "access_tokens_signed_token_hash_unique" UNIQUE("signed_token_hash")
);
--> statement-breakpoint
CREATE TABLE "emojis" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"name" varchar(128) NOT NULL,
	"host" varchar(512),
	"category" varchar(128),
	"aliases" text[] DEFAULT '{}' NOT NULL,
	"original_url" varchar(512) NOT NULL,
	"public_url" varchar(512) DEFAULT '' NOT NULL,
	"uri" varchar(512),
	"type" varchar(64),
	"license" varchar(1024),
	"is_sensitive" boolean DEFAULT false NOT NULL,
	"local_only" boolean DEFAULT false NOT NULL,
	"role_ids_that_can_be_used_this_emoji_as_reaction" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_local_username_lower_key" ON "users" USING btree ("username_lower") WHERE "users"."host" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "users_remote_username_lower_host_key" ON "users" USING btree ("username_lower","host") WHERE "users"."host" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "users_host_idx" ON "users" USING btree ("host");--> statement-breakpoint
CREATE INDEX "access_tokens_user_id_idx" ON "access_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emojis_local_name_key" ON "emojis" USING btree ("name") WHERE "emojis"."host" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "emojis_remote_name_host_key" ON "emojis" USING btree ("name","host") WHERE "emojis"."host" IS NOT NULL;