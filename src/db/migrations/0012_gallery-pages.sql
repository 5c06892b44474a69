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
ALTER TABLE "gallery_likes" ADD CONSTRAINT "gallery_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_likes" ADD CONSTRAINT "gallery_likes_post_id_gallery_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."gallery_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_posts" ADD CONSTRAINT "gallery_posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_likes" ADD CONSTRAINT "page_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_likes" ADD CONSTRAINT "page_likes_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gallery_likes_user_post_key" ON "gallery_likes" USING btree ("user_id","post_id");--> statement-breakpoint
CREATE INDEX "gallery_likes_post_id_idx" ON "gallery_likes" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "gallery_posts_user_id_idx" ON "gallery_posts" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "gallery_posts_liked_count_idx" ON "gallery_posts" USING btree ("liked_count","id");--> statement-breakpoint
CREATE UNIQUE INDEX "page_likes_user_page_key" ON "page_likes" USING btree ("user_id","page_id");--> statement-breakpoint
CREATE INDEX "page_likes_page_id_idx" ON "page_likes" USING btree ("page_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pages_user_name_key" ON "pages" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "pages_user_id_idx" ON "pages" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "pages_liked_count_idx" ON "pages" USING btree ("liked_count","id");