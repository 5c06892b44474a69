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
ALTER TABLE "channel_favorites" ADD CONSTRAINT "channel_favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_favorites" ADD CONSTRAINT "channel_favorites_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_followings" ADD CONSTRAINT "channel_followings_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_followings" ADD CONSTRAINT "channel_followings_followee_id_channels_id_fk" FOREIGN KEY ("followee_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_mutings" ADD CONSTRAINT "channel_mutings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_mutings" ADD CONSTRAINT "channel_mutings_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_banner_id_drive_files_id_fk" FOREIGN KEY ("banner_id") REFERENCES "public"."drive_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channel_favorites_user_channel_key" ON "channel_favorites" USING btree ("user_id","channel_id");--> statement-breakpoint
CREATE INDEX "channel_favorites_channel_id_idx" ON "channel_favorites" USING btree ("channel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_followings_follower_followee_key" ON "channel_followings" USING btree ("follower_id","followee_id");--> statement-breakpoint
CREATE INDEX "channel_followings_followee_id_idx" ON "channel_followings" USING btree ("followee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_mutings_user_channel_key" ON "channel_mutings" USING btree ("user_id","channel_id");--> statement-breakpoint
CREATE INDEX "channel_mutings_channel_id_idx" ON "channel_mutings" USING btree ("channel_id");--> statement-breakpoint
CREATE INDEX "channels_user_id_idx" ON "channels" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "channels_last_noted_at_idx" ON "channels" USING btree ("last_noted_at") WHERE "channels"."last_noted_at" IS NOT NULL AND NOT "channels"."is_archived";--> statement-breakpoint
CREATE INDEX "channels_name_trgm_idx" ON "channels" USING gin ("name" gin_trgm_ops);