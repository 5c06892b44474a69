CREATE TABLE "user_exports" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"entity" varchar(32) NOT NULL,
	"file_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_progress" (
	"job_id" uuid PRIMARY KEY NOT NULL,
	"percent" real NOT NULL,
	"message" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_webhooks" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"name" varchar(128) NOT NULL,
	"on" varchar(128)[] DEFAULT '{}'::varchar[] NOT NULL,
	"url" varchar(1024) NOT NULL,
	"secret" varchar(1024) DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"latest_sent_at" timestamp with time zone,
	"latest_status" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_drafts" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"text" text,
	"cw" text,
	"hashtag" varchar(128),
	"visibility" varchar(16) DEFAULT 'public' NOT NULL,
	"visible_user_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"local_only" boolean DEFAULT false NOT NULL,
	"reaction_acceptance" varchar(64),
	"reply_id" varchar(32),
	"renote_id" varchar(32),
	"channel_id" varchar(32),
	"file_ids" varchar(32)[] DEFAULT '{}'::varchar[] NOT NULL,
	"poll" jsonb,
	"scheduled_at" timestamp with time zone,
	"is_actually_scheduled" boolean DEFAULT false NOT NULL,
	"posting_note_id" varchar(32)
);
--> statement-breakpoint
CREATE TABLE "registry_items" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"domain" varchar(512),
	"scope" text[] NOT NULL,
	"key" varchar(1024) NOT NULL,
	"value" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_items_user_domain_scope_key" UNIQUE NULLS NOT DISTINCT("user_id","domain","scope","key")
);
--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "sensitive_words" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "prohibited_words" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "note_draft_id" varchar(32);--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "exported_entity" varchar(32);--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "file_id" varchar(32);--> statement-breakpoint
ALTER TABLE "user_exports" ADD CONSTRAINT "user_exports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_webhooks" ADD CONSTRAINT "user_webhooks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_drafts" ADD CONSTRAINT "note_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_items" ADD CONSTRAINT "registry_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_webhooks_user_id_idx" ON "user_webhooks" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "note_drafts_user_id_idx" ON "note_drafts" USING btree ("user_id","id");