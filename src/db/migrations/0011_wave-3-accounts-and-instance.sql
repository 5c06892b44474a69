CREATE TABLE "user_security_keys" (
	"id" varchar(512) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"name" varchar(30) NOT NULL,
	"transports" text[],
	"last_used" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_inline_policies" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"policy" varchar(64) NOT NULL,
	"operation" varchar(16) DEFAULT 'set' NOT NULL,
	"value" jsonb,
	"memo" text
);
--> statement-breakpoint
CREATE TABLE "user_account_move_logs" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"moved_from_id" varchar(32) NOT NULL,
	"moved_to_id" varchar(32) NOT NULL,
	"moved_to_uri" varchar(512) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "announcement_reads" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"announcement_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"title" varchar(256) NOT NULL,
	"text" text NOT NULL,
	"image_url" varchar(1024),
	"icon" varchar(16) DEFAULT 'info' NOT NULL,
	"display" varchar(16) DEFAULT 'normal' NOT NULL,
	"need_confirmation_to_read" boolean DEFAULT false NOT NULL,
	"need_enrollment_tutorial_to_read" boolean DEFAULT false NOT NULL,
	"close_duration" integer DEFAULT 0 NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"for_existing_users" boolean DEFAULT false NOT NULL,
	"silence" boolean DEFAULT false NOT NULL,
	"user_id" varchar(32)
);
--> statement-breakpoint
CREATE TABLE "invite_codes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"code" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by_id" varchar(32),
	"used_by_id" varchar(32),
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "email_verifications" (
	"code_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"email" varchar(512) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_reset_requests" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_users" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code_hash" varchar(64) NOT NULL,
	"username" varchar(128) NOT NULL,
	"email" varchar(512) NOT NULL,
	"password" varchar(256) NOT NULL,
	CONSTRAINT "pending_users_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "default_light_theme" text;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "default_dark_theme" text;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "mascot_image_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "server_error_image_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "info_image_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "not_found_image_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "notes_per_one_ad" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "preserved_usernames" text[] DEFAULT '{"admin","administrator","root","system","maintainer","host","mod","moderator","owner","superuser","staff","auth","i","me","everyone","all","mention","mentions","example","user","users","account","accounts","official","help","helps","support","supports","info","information","informations","announce","announces","announcement","announcements","notice","notification","notifications","dev","developer","developers","tech","misskey"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "enable_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "email" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_secure" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_host" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_port" integer;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_user" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_pass" varchar(1024);--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "mutual_link_sections" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "two_factor_secret" varchar(256);--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "two_factor_temp_secret" varchar(256);--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "two_factor_backup_secret" text[];--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "two_factor_last_used_step" integer;--> statement-breakpoint
ALTER TABLE "emojis" ADD COLUMN "role_ids_that_can_not_be_used_this_emoji_as_reaction" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "emojis" ADD COLUMN "requested_by" varchar(1024);--> statement-breakpoint
ALTER TABLE "emojis" ADD COLUMN "memo" text;--> statement-breakpoint
ALTER TABLE "user_security_keys" ADD CONSTRAINT "user_security_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_inline_policies" ADD CONSTRAINT "user_inline_policies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_account_move_logs" ADD CONSTRAINT "user_account_move_logs_moved_from_id_users_id_fk" FOREIGN KEY ("moved_from_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_account_move_logs" ADD CONSTRAINT "user_account_move_logs_moved_to_id_users_id_fk" FOREIGN KEY ("moved_to_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_codes" ADD CONSTRAINT "invite_codes_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_codes" ADD CONSTRAINT "invite_codes_used_by_id_users_id_fk" FOREIGN KEY ("used_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_requests" ADD CONSTRAINT "password_reset_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_security_keys_user_id_idx" ON "user_security_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_inline_policies_user_id_idx" ON "user_inline_policies" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "user_account_move_logs_moved_from_id_idx" ON "user_account_move_logs" USING btree ("moved_from_id");--> statement-breakpoint
CREATE INDEX "user_account_move_logs_moved_to_id_idx" ON "user_account_move_logs" USING btree ("moved_to_id");--> statement-breakpoint
CREATE INDEX "ads_window_idx" ON "ads" USING btree ("expires_at","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "announcement_reads_user_announcement_key" ON "announcement_reads" USING btree ("user_id","announcement_id");--> statement-breakpoint
CREATE INDEX "announcement_reads_announcement_id_idx" ON "announcement_reads" USING btree ("announcement_id");--> statement-breakpoint
CREATE INDEX "announcements_user_id_idx" ON "announcements" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "announcements_is_active_idx" ON "announcements" USING btree ("is_active","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invite_codes_code_key" ON "invite_codes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "invite_codes_created_by_id_idx" ON "invite_codes" USING btree ("created_by_id","id");--> statement-breakpoint
CREATE INDEX "email_verifications_user_id_idx" ON "email_verifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "password_reset_requests_user_id_idx" ON "password_reset_requests" USING btree ("user_id");