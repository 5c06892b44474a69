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
ALTER TABLE "user_profiles" ADD COLUMN "two_factor_secret" varchar(256);--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "two_factor_temp_secret" varchar(256);--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "two_factor_backup_secret" text[];--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "two_factor_last_used_step" integer;--> statement-breakpoint
ALTER TABLE "user_security_keys" ADD CONSTRAINT "user_security_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_security_keys_user_id_idx" ON "user_security_keys" USING btree ("user_id");