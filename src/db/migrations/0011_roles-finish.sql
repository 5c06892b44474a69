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
ALTER TABLE "user_profiles" ADD COLUMN "mutual_link_sections" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "user_inline_policies" ADD CONSTRAINT "user_inline_policies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_inline_policies_user_id_idx" ON "user_inline_policies" USING btree ("user_id","id");