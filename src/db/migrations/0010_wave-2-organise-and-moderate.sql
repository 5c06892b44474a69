CREATE TABLE "abuse_report_notification_recipients" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"name" varchar(255) NOT NULL,
	"method" varchar(64) NOT NULL,
	"user_id" varchar(32),
	"system_webhook_id" varchar(32),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_logs" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"type" varchar(128) NOT NULL,
	"info" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_webhooks" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"name" varchar(255) NOT NULL,
	"on" varchar(128)[] DEFAULT '{}' NOT NULL,
	"url" varchar(1024) NOT NULL,
	"secret" varchar(1024) NOT NULL,
	"latest_sent_at" timestamp with time zone,
	"latest_status" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_ips" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"ip" varchar(128) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"role_id" varchar(32) NOT NULL,
	"expires_at" timestamp with time zone,
	"memo" text
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" varchar(256) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"color" varchar(256),
	"icon_url" varchar(1024),
	"target" varchar(16) DEFAULT 'manual' NOT NULL,
	"cond_formula" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"is_moderator" boolean DEFAULT false NOT NULL,
	"is_administrator" boolean DEFAULT false NOT NULL,
	"is_explorable" boolean DEFAULT false NOT NULL,
	"as_badge" boolean DEFAULT false NOT NULL,
	"preserve_assignment_on_move_account" boolean DEFAULT false NOT NULL,
	"can_edit_members_by_moderator" boolean DEFAULT false NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"policies" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clip_favorites" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"clip_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clip_notes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"clip_id" varchar(32) NOT NULL,
	"note_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clips" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"name" varchar(128) NOT NULL,
	"description" varchar(2048),
	"is_public" boolean DEFAULT false NOT NULL,
	"last_clipped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_favorites" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"channel_id" varchar(32) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_followings" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"follower_id" varchar(32) NOT NULL,
	"followee_id" varchar(32) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_mutings" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"channel_id" varchar(32) NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_noted_at" timestamp with time zone,
	"user_id" varchar(32),
	"name" varchar(128) NOT NULL,
	"description" varchar(2048),
	"banner_id" varchar(32),
	"pinned_note_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"color" varchar(16) DEFAULT '#86b300' NOT NULL,
	"is_archived" boolean DEFAULT false NOT NULL,
	"is_sensitive" boolean DEFAULT false NOT NULL,
	"allow_renote_to_external" boolean DEFAULT true NOT NULL,
	"users_count" integer DEFAULT 0 NOT NULL,
	"notes_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antenna_notes" (
	"antenna_id" varchar(32) NOT NULL,
	"note_id" varchar(32) NOT NULL,
	CONSTRAINT "antenna_notes_antenna_id_note_id_pk" PRIMARY KEY("antenna_id","note_id")
);
--> statement-breakpoint
CREATE TABLE "antennas" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"name" varchar(128) NOT NULL,
	"src" varchar(32) NOT NULL,
	"user_list_id" varchar(32),
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exclude_keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"users" varchar(1024)[] DEFAULT '{}' NOT NULL,
	"case_sensitive" boolean DEFAULT false NOT NULL,
	"local_only" boolean DEFAULT false NOT NULL,
	"exclude_bots" boolean DEFAULT false NOT NULL,
	"with_replies" boolean DEFAULT false NOT NULL,
	"with_file" boolean DEFAULT false NOT NULL,
	"exclude_notes_in_sensitive_channel" boolean DEFAULT false NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "enable_ip_logging" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "moved_to_uri" varchar(512);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "moved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "abuse_report_notification_recipients" ADD CONSTRAINT "abuse_report_notification_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abuse_report_notification_recipients" ADD CONSTRAINT "abuse_report_notification_recipients_system_webhook_id_system_webhooks_id_fk" FOREIGN KEY ("system_webhook_id") REFERENCES "public"."system_webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_logs" ADD CONSTRAINT "moderation_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_ips" ADD CONSTRAINT "user_ips_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clip_favorites" ADD CONSTRAINT "clip_favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clip_favorites" ADD CONSTRAINT "clip_favorites_clip_id_clips_id_fk" FOREIGN KEY ("clip_id") REFERENCES "public"."clips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clip_notes" ADD CONSTRAINT "clip_notes_clip_id_clips_id_fk" FOREIGN KEY ("clip_id") REFERENCES "public"."clips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clip_notes" ADD CONSTRAINT "clip_notes_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clips" ADD CONSTRAINT "clips_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_favorites" ADD CONSTRAINT "channel_favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_favorites" ADD CONSTRAINT "channel_favorites_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_followings" ADD CONSTRAINT "channel_followings_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_followings" ADD CONSTRAINT "channel_followings_followee_id_channels_id_fk" FOREIGN KEY ("followee_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_mutings" ADD CONSTRAINT "channel_mutings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_mutings" ADD CONSTRAINT "channel_mutings_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_banner_id_drive_files_id_fk" FOREIGN KEY ("banner_id") REFERENCES "public"."drive_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antenna_notes" ADD CONSTRAINT "antenna_notes_antenna_id_antennas_id_fk" FOREIGN KEY ("antenna_id") REFERENCES "public"."antennas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antenna_notes" ADD CONSTRAINT "antenna_notes_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antennas" ADD CONSTRAINT "antennas_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antennas" ADD CONSTRAINT "antennas_user_list_id_user_lists_id_fk" FOREIGN KEY ("user_list_id") REFERENCES "public"."user_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "moderation_logs_user_id_idx" ON "moderation_logs" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "moderation_logs_type_idx" ON "moderation_logs" USING btree ("type","id");--> statement-breakpoint
CREATE INDEX "system_webhooks_is_active_idx" ON "system_webhooks" USING btree ("is_active");--> statement-breakpoint
CREATE UNIQUE INDEX "user_ips_user_id_ip_key" ON "user_ips" USING btree ("user_id","ip");--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignments_user_role_key" ON "role_assignments" USING btree ("user_id","role_id");--> statement-breakpoint
CREATE INDEX "role_assignments_role_id_idx" ON "role_assignments" USING btree ("role_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "clip_favorites_user_clip_key" ON "clip_favorites" USING btree ("user_id","clip_id");--> statement-breakpoint
CREATE INDEX "clip_favorites_clip_id_idx" ON "clip_favorites" USING btree ("clip_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clip_notes_clip_note_key" ON "clip_notes" USING btree ("clip_id","note_id");--> statement-breakpoint
CREATE INDEX "clip_notes_note_id_idx" ON "clip_notes" USING btree ("note_id");--> statement-breakpoint
CREATE INDEX "clips_user_id_idx" ON "clips" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_favorites_user_channel_key" ON "channel_favorites" USING btree ("user_id","channel_id");--> statement-breakpoint
CREATE INDEX "channel_favorites_channel_id_idx" ON "channel_favorites" USING btree ("channel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_followings_follower_followee_key" ON "channel_followings" USING btree ("follower_id","followee_id");--> statement-breakpoint
CREATE INDEX "channel_followings_followee_id_idx" ON "channel_followings" USING btree ("followee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_mutings_user_channel_key" ON "channel_mutings" USING btree ("user_id","channel_id");--> statement-breakpoint
CREATE INDEX "channel_mutings_channel_id_idx" ON "channel_mutings" USING btree ("channel_id");--> statement-breakpoint
CREATE INDEX "channels_user_id_idx" ON "channels" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "channels_last_noted_at_idx" ON "channels" USING btree ("last_noted_at") WHERE "channels"."last_noted_at" IS NOT NULL AND NOT "channels"."is_archived";--> statement-breakpoint
CREATE INDEX "channels_name_trgm_idx" ON "channels" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "antenna_notes_note_id_idx" ON "antenna_notes" USING btree ("note_id");--> statement-breakpoint
CREATE INDEX "antennas_user_id_idx" ON "antennas" USING btree ("user_id","id");