CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "hashtags" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"name" varchar(128) NOT NULL,
	"mentioned_user_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"mentioned_users_count" integer DEFAULT 0 NOT NULL,
	"mentioned_local_user_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"mentioned_local_users_count" integer DEFAULT 0 NOT NULL,
	"attached_user_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"attached_users_count" integer DEFAULT 0 NOT NULL,
	"attached_local_user_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"attached_local_users_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_favorites" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"note_id" varchar(32) NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_reactions" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"note_id" varchar(32) NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"reaction" varchar(260) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"user_id" varchar(32) NOT NULL,
	"user_host" varchar(512),
	"text" text,
	"cw" text,
	"visibility" varchar(16) NOT NULL,
	"local_only" boolean DEFAULT false NOT NULL,
	"reaction_acceptance" varchar(64),
	"reply_id" varchar(32),
	"reply_user_id" varchar(32),
	"renote_id" varchar(32),
	"renote_user_id" varchar(32),
	"thread_id" varchar(32),
	"channel_id" varchar(32),
	"file_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"attached_file_types" varchar(256)[] DEFAULT '{}'::varchar[] NOT NULL,
	"visible_user_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"mentions" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"tags" varchar(128)[] DEFAULT '{}'::varchar[] NOT NULL,
	"emojis" varchar(128)[] DEFAULT '{}'::varchar[] NOT NULL,
	"has_poll" boolean DEFAULT false NOT NULL,
	"replies_count" integer DEFAULT 0 NOT NULL,
	"renote_count" integer DEFAULT 0 NOT NULL,
	"clipped_count" integer DEFAULT 0 NOT NULL,
	"reactions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"uri" varchar(512),
	"url" varchar(512)
);
--> statement-breakpoint
CREATE TABLE "poll_votes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"note_id" varchar(32) NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"choice" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"note_id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"choices" varchar(256)[] NOT NULL,
	"votes" integer[] NOT NULL,
	"multiple" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone,
	"ended_notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_note_pinings" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"note_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_list_favorites" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"user_list_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_list_memberships" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_list_id" varchar(32) NOT NULL,
	"user_list_user_id" varchar(32) NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"with_replies" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_lists" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"name" varchar(128) NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "abuse_user_reports" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"target_user_id" varchar(32) NOT NULL,
	"target_user_host" varchar(512),
	"reporter_id" varchar(32) NOT NULL,
	"reporter_host" varchar(512),
	"assignee_id" varchar(32),
	"resolved" boolean DEFAULT false NOT NULL,
	"forwarded" boolean DEFAULT false NOT NULL,
	"comment" text NOT NULL,
	"moderation_note" text DEFAULT '' NOT NULL,
	"resolved_as" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_memos" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"target_user_id" varchar(32) NOT NULL,
	"memo" varchar(2048) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drive_files" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32),
	"user_host" varchar(512),
	"folder_id" varchar(32),
	"name" varchar(256) NOT NULL,
	"type" varchar(128) NOT NULL,
	"md5" varchar(32) NOT NULL,
	"size" bigint NOT NULL,
	"comment" varchar(512),
	"blurhash" varchar(128),
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_sensitive" boolean DEFAULT false NOT NULL,
	"is_link" boolean DEFAULT false NOT NULL,
	"access_key" varchar(256) NOT NULL,
	"thumbnail_access_key" varchar(256),
	"webpublic_access_key" varchar(256),
	"webpublic_type" varchar(128),
	"uri" varchar(512),
	"src" varchar(512),
	"maybe_sensitive" boolean DEFAULT false NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drive_folders" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"name" varchar(200) NOT NULL,
	"parent_id" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_blurhash" varchar(128);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "banner_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "banner_blurhash" varchar(128);--> statement-breakpoint
ALTER TABLE "note_favorites" ADD CONSTRAINT "note_favorites_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_favorites" ADD CONSTRAINT "note_favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_reactions" ADD CONSTRAINT "note_reactions_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_reactions" ADD CONSTRAINT "note_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_reply_id_notes_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_renote_id_notes_id_fk" FOREIGN KEY ("renote_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_note_pinings" ADD CONSTRAINT "user_note_pinings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_note_pinings" ADD CONSTRAINT "user_note_pinings_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_list_favorites" ADD CONSTRAINT "user_list_favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_list_favorites" ADD CONSTRAINT "user_list_favorites_user_list_id_user_lists_id_fk" FOREIGN KEY ("user_list_id") REFERENCES "public"."user_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_list_memberships" ADD CONSTRAINT "user_list_memberships_user_list_id_user_lists_id_fk" FOREIGN KEY ("user_list_id") REFERENCES "public"."user_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_list_memberships" ADD CONSTRAINT "user_list_memberships_user_list_user_id_users_id_fk" FOREIGN KEY ("user_list_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_list_memberships" ADD CONSTRAINT "user_list_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_lists" ADD CONSTRAINT "user_lists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abuse_user_reports" ADD CONSTRAINT "abuse_user_reports_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abuse_user_reports" ADD CONSTRAINT "abuse_user_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abuse_user_reports" ADD CONSTRAINT "abuse_user_reports_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_memos" ADD CONSTRAINT "user_memos_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_memos" ADD CONSTRAINT "user_memos_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drive_files" ADD CONSTRAINT "drive_files_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drive_files" ADD CONSTRAINT "drive_files_folder_id_drive_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."drive_folders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drive_folders" ADD CONSTRAINT "drive_folders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drive_folders" ADD CONSTRAINT "drive_folders_parent_id_drive_folders_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."drive_folders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hashtags_name_key" ON "hashtags" USING btree ("name");--> statement-breakpoint
CREATE INDEX "hashtags_name_trgm_idx" ON "hashtags" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "note_favorites_user_note_key" ON "note_favorites" USING btree ("user_id","note_id");--> statement-breakpoint
CREATE INDEX "note_favorites_user_id_idx" ON "note_favorites" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "note_favorites_note_id_idx" ON "note_favorites" USING btree ("note_id");--> statement-breakpoint
CREATE UNIQUE INDEX "note_reactions_user_note_key" ON "note_reactions" USING btree ("user_id","note_id");--> statement-breakpoint
CREATE INDEX "note_reactions_note_id_idx" ON "note_reactions" USING btree ("note_id","id");--> statement-breakpoint
CREATE INDEX "note_reactions_user_id_idx" ON "note_reactions" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notes_user_id_id_idx" ON "notes" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notes_reply_id_idx" ON "notes" USING btree ("reply_id");--> statement-breakpoint
CREATE INDEX "notes_renote_id_idx" ON "notes" USING btree ("renote_id");--> statement-breakpoint
CREATE INDEX "notes_thread_id_idx" ON "notes" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "notes_channel_id_idx" ON "notes" USING btree ("channel_id","id");--> statement-breakpoint
CREATE INDEX "notes_local_public_idx" ON "notes" USING btree ("id") WHERE "notes"."visibility" = 'public' AND "notes"."user_host" IS NULL AND "notes"."channel_id" IS NULL;--> statement-breakpoint
CREATE INDEX "notes_mentions_idx" ON "notes" USING gin ("mentions");--> statement-breakpoint
CREATE INDEX "notes_visible_user_ids_idx" ON "notes" USING gin ("visible_user_ids");--> statement-breakpoint
CREATE INDEX "notes_tags_idx" ON "notes" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "notes_file_ids_idx" ON "notes" USING gin ("file_ids");--> statement-breakpoint
CREATE INDEX "notes_text_trgm_idx" ON "notes" USING gin ("text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "poll_votes_note_user_choice_key" ON "poll_votes" USING btree ("note_id","user_id","choice");--> statement-breakpoint
CREATE INDEX "poll_votes_user_id_idx" ON "poll_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "polls_pending_end_idx" ON "polls" USING btree ("expires_at") WHERE "polls"."expires_at" IS NOT NULL AND "polls"."ended_notified_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "user_note_pinings_user_note_key" ON "user_note_pinings" USING btree ("user_id","note_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_list_favorites_user_list_key" ON "user_list_favorites" USING btree ("user_id","user_list_id");--> statement-breakpoint
CREATE INDEX "user_list_favorites_list_id_idx" ON "user_list_favorites" USING btree ("user_list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_list_memberships_list_user_key" ON "user_list_memberships" USING btree ("user_list_id","user_id");--> statement-breakpoint
CREATE INDEX "user_list_memberships_user_id_idx" ON "user_list_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_lists_user_id_idx" ON "user_lists" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "abuse_user_reports_resolved_idx" ON "abuse_user_reports" USING btree ("resolved","id");--> statement-breakpoint
CREATE INDEX "abuse_user_reports_target_user_id_idx" ON "abuse_user_reports" USING btree ("target_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_memos_user_target_key" ON "user_memos" USING btree ("user_id","target_user_id");--> statement-breakpoint
CREATE INDEX "drive_files_user_folder_idx" ON "drive_files" USING btree ("user_id","folder_id","id");--> statement-breakpoint
CREATE INDEX "drive_files_user_id_idx" ON "drive_files" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "drive_files_md5_idx" ON "drive_files" USING btree ("md5");--> statement-breakpoint
CREATE INDEX "drive_files_access_key_idx" ON "drive_files" USING btree ("access_key");--> statement-breakpoint
CREATE INDEX "drive_files_thumbnail_access_key_idx" ON "drive_files" USING btree ("thumbnail_access_key") WHERE "drive_files"."thumbnail_access_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "drive_files_webpublic_access_key_idx" ON "drive_files" USING btree ("webpublic_access_key") WHERE "drive_files"."webpublic_access_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "drive_folders_user_parent_idx" ON "drive_folders" USING btree ("user_id","parent_id","id");