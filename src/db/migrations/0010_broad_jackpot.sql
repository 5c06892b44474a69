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
ALTER TABLE "registry_items" ADD CONSTRAINT "registry_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;