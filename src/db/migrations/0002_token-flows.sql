CREATE TABLE "apps" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32),
	"name" varchar(128) NOT NULL,
	"description" varchar(512),
	"permission" text[] DEFAULT '{}' NOT NULL,
	"callback_url" varchar(512),
	"secret_hash" varchar(64),
	"client_id" varchar(512),
	"icon_url" varchar(512),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "apps_secret_hash_unique" UNIQUE("secret_hash"),
	CONSTRAINT "apps_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"app_id" varchar(32) NOT NULL,
	"user_id" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "auth_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "oauth_codes" (
	"code_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"app_id" varchar(32) NOT NULL,
	"client_id" varchar(512) NOT NULL,
	"redirect_uri" varchar(2048) NOT NULL,
	"scopes" text[] NOT NULL,
	"code_challenge" varchar(128) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"access_token_id" varchar(32)
);
--> statement-breakpoint
CREATE TABLE "oauth_transactions" (
	"id_hash" varchar(64) PRIMARY KEY NOT NULL,
	"client_id" varchar(512) NOT NULL,
	"client_name" varchar(128) NOT NULL,
	"client_logo" varchar(512),
	"redirect_uri" varchar(2048) NOT NULL,
	"scopes" text[] NOT NULL,
	"state" varchar(1024),
	"code_challenge" varchar(128) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_tokens" ADD COLUMN "app_id" varchar(32);--> statement-breakpoint
ALTER TABLE "access_tokens" ADD COLUMN "session_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "access_tokens" ADD COLUMN "pending_token" text;--> statement-breakpoint
ALTER TABLE "access_tokens" ADD COLUMN "pending_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_codes" ADD CONSTRAINT "oauth_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_codes" ADD CONSTRAINT "oauth_codes_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apps_user_id_idx" ON "apps" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_sessions_expires_at_idx" ON "auth_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "auth_sessions_app_id_idx" ON "auth_sessions" USING btree ("app_id");--> statement-breakpoint
CREATE INDEX "oauth_codes_expires_at_idx" ON "oauth_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "oauth_transactions_expires_at_idx" ON "oauth_transactions" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_tokens_app_id_idx" ON "access_tokens" USING btree ("app_id");--> statement-breakpoint
CREATE INDEX "access_tokens_pending_expires_at_idx" ON "access_tokens" USING btree ("pending_expires_at") WHERE "access_tokens"."pending_expires_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_session_hash_unique" UNIQUE("session_hash");