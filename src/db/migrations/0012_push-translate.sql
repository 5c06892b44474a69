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
ALTER TABLE "meta" ADD COLUMN "sw_public_key" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "sw_private_key" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "deepl_auth_key" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "deepl_is_pro" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "libre_translate_url" varchar(1024);--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "libre_translate_key" varchar(1024);--> statement-breakpoint
ALTER TABLE "sw_subscriptions" ADD CONSTRAINT "sw_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sw_subscriptions_user_id_idx" ON "sw_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sw_subscriptions_user_endpoint_idx" ON "sw_subscriptions" USING btree ("user_id","endpoint");