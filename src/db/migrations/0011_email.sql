CREATE TABLE "email_verifications" (
	"code_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"email" varchar(512) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_reset_requests" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_users" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code_hash" varchar(64) NOT NULL,
	"username" varchar(128) NOT NULL,
	"email" varchar(512) NOT NULL,
	"password" varchar(256) NOT NULL,
	CONSTRAINT "pending_users_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "enable_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "email" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_secure" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_host" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_port" integer;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_user" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "smtp_pass" varchar(1024);--> statement-breakpoint
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_requests" ADD CONSTRAINT "password_reset_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_verifications_user_id_idx" ON "email_verifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "password_reset_requests_user_id_idx" ON "password_reset_requests" USING btree ("user_id");