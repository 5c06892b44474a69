CREATE TABLE "sw_subscriptions" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"endpoint" varchar(512) NOT NULL,
	"auth" varchar(256) NOT NULL,
	"publickey" varchar(128) NOT NULL,
	"send_read_message" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gallery_likes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"post_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gallery_posts" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"file_ids" varchar(32)[] DEFAULT '{}' NOT NULL,
	"is_sensitive" boolean DEFAULT false NOT NULL,
	"liked_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "page_likes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"page_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pages" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"content" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"variables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"script" text DEFAULT '' NOT NULL,
	"eye_catching_image_id" varchar(32),
	"font" varchar(16) DEFAULT 'sans-serif' NOT NULL,
	"align_center" boolean DEFAULT false NOT NULL,
	"hide_title_when_pinned" boolean DEFAULT false NOT NULL,
	"visibility" varchar(16) DEFAULT 'public' NOT NULL,
	"liked_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "chart_counters" (
	"chart" varchar(32) NOT NULL,
	"group" varchar(256) NOT NULL,
	"span" varchar(8) NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"field" varchar(64) NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "chart_counters_pkey" PRIMARY KEY("chart","group","span","date","field")
);
--> statement-breakpoint
CREATE TABLE "chart_unique_marks" (
	"chart" varchar(32) NOT NULL,
	"group" varchar(256) NOT NULL,
	"span" varchar(8) NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"field" varchar(64) NOT NULL,
	"member" varchar(256) NOT NULL,
	CONSTRAINT "chart_unique_marks_pkey" PRIMARY KEY("chart","group","span","date","field","member")
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"from_user_id" varchar(32) NOT NULL,
	"to_user_id" varchar(32),
	"to_room_id" varchar(32),
	"text" varchar(4096),
	"file_id" varchar(32),
	"is_read" boolean DEFAULT false NOT NULL,
	"reactions" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_room_invitations" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"room_id" varchar(32) NOT NULL,
	"ignored" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_room_memberships" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"room_id" varchar(32) NOT NULL,
	"is_muted" boolean DEFAULT false NOT NULL,
	"last_read_message_id" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_rooms" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"owner_id" varchar(32) NOT NULL,
	"name" varchar(256) NOT NULL,
	"description" varchar(1024) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "sw_public_key" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "sw_private_key" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "deepl_auth_key" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "deepl_is_pro" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "libre_translate_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "libre_translate_key" varchar(1024);--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "achievements" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "chat_room_invitation_id" varchar(32);--> statement-breakpoint
ALTER TABLE "sw_subscriptions" ADD CONSTRAINT "sw_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_likes" ADD CONSTRAINT "gallery_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_likes" ADD CONSTRAINT "gallery_likes_post_id_gallery_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."gallery_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_posts" ADD CONSTRAINT "gallery_posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_likes" ADD CONSTRAINT "page_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_likes" ADD CONSTRAINT "page_likes_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_likes" ADD CONSTRAINT "flash_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_likes" ADD CONSTRAINT "flash_likes_flash_id_flashes_id_fk" FOREIGN KEY ("flash_id") REFERENCES "public"."flashes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flashes" ADD CONSTRAINT "flashes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_to_room_id_chat_rooms_id_fk" FOREIGN KEY ("to_room_id") REFERENCES "public"."chat_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_file_id_drive_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."drive_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_invitations" ADD CONSTRAINT "chat_room_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_invitations" ADD CONSTRAINT "chat_room_invitations_room_id_chat_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."chat_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_memberships" ADD CONSTRAINT "chat_room_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_memberships" ADD CONSTRAINT "chat_room_memberships_room_id_chat_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."chat_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_rooms" ADD CONSTRAINT "chat_rooms_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sw_subscriptions_user_id_idx" ON "sw_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sw_subscriptions_user_endpoint_idx" ON "sw_subscriptions" USING btree ("user_id","endpoint");--> statement-breakpoint
CREATE UNIQUE INDEX "gallery_likes_user_post_key" ON "gallery_likes" USING btree ("user_id","post_id");--> statement-breakpoint
CREATE INDEX "gallery_likes_post_id_idx" ON "gallery_likes" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "gallery_posts_user_id_idx" ON "gallery_posts" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "gallery_posts_liked_count_idx" ON "gallery_posts" USING btree ("liked_count","id");--> statement-breakpoint
CREATE UNIQUE INDEX "page_likes_user_page_key" ON "page_likes" USING btree ("user_id","page_id");--> statement-breakpoint
CREATE INDEX "page_likes_page_id_idx" ON "page_likes" USING btree ("page_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pages_user_name_key" ON "pages" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "pages_user_id_idx" ON "pages" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "pages_liked_count_idx" ON "pages" USING btree ("liked_count","id");--> statement-breakpoint
CREATE UNIQUE INDEX "flash_likes_user_flash_key" ON "flash_likes" USING btree ("user_id","flash_id");--> statement-breakpoint
CREATE INDEX "flash_likes_user_id_idx" ON "flash_likes" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "flash_likes_flash_id_idx" ON "flash_likes" USING btree ("flash_id");--> statement-breakpoint
CREATE INDEX "flashes_user_id_idx" ON "flashes" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "flashes_liked_count_idx" ON "flashes" USING btree ("liked_count","id");--> statement-breakpoint
CREATE INDEX "chat_messages_from_to_idx" ON "chat_messages" USING btree ("from_user_id","to_user_id","id");--> statement-breakpoint
CREATE INDEX "chat_messages_to_from_idx" ON "chat_messages" USING btree ("to_user_id","from_user_id","id");--> statement-breakpoint
CREATE INDEX "chat_messages_unread_idx" ON "chat_messages" USING btree ("to_user_id") WHERE "chat_messages"."is_read" = false;--> statement-breakpoint
CREATE INDEX "chat_messages_room_idx" ON "chat_messages" USING btree ("to_room_id","id");--> statement-breakpoint
CREATE INDEX "chat_messages_file_idx" ON "chat_messages" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_room_invitations_user_room_key" ON "chat_room_invitations" USING btree ("user_id","room_id");--> statement-breakpoint
CREATE INDEX "chat_room_invitations_room_id_idx" ON "chat_room_invitations" USING btree ("room_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_room_memberships_user_room_key" ON "chat_room_memberships" USING btree ("user_id","room_id");--> statement-breakpoint
CREATE INDEX "chat_room_memberships_room_id_idx" ON "chat_room_memberships" USING btree ("room_id","id");--> statement-breakpoint
CREATE INDEX "chat_rooms_owner_id_idx" ON "chat_rooms" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "users_last_active_date_idx" ON "users" USING btree ("last_active_date");