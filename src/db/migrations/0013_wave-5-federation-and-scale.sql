CREATE TABLE "federation_kv" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "remote_actors" (
	"user_id" varchar(32) PRIMARY KEY NOT NULL,
	"uri" varchar(512) NOT NULL,
	"url" varchar(512),
	"inbox" varchar(512) NOT NULL,
	"shared_inbox" varchar(512),
	"followers_uri" varchar(512),
	"key_id" varchar(512),
	"public_key_pem" text,
	"last_fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_keypairs" (
	"user_id" varchar(32) PRIMARY KEY NOT NULL,
	"rsa_public" jsonb NOT NULL,
	"rsa_private" jsonb NOT NULL,
	"ed25519_public" jsonb NOT NULL,
	"ed25519_private" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "remote_actors" ADD CONSTRAINT "remote_actors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_keypairs" ADD CONSTRAINT "user_keypairs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "remote_actors_uri_key" ON "remote_actors" USING btree ("uri");--> statement-breakpoint
CREATE INDEX "remote_actors_key_id_idx" ON "remote_actors" USING btree ("key_id");--> statement-breakpoint
CREATE INDEX "users_restricted_idx" ON "users" USING btree ("id") WHERE "users"."require_signin_to_view_contents" OR "users"."make_notes_followers_only_before" IS NOT NULL OR "users"."make_notes_hidden_before" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "notes_uri_key" ON "notes" USING btree ("uri") WHERE "notes"."uri" IS NOT NULL;