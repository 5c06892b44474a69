CREATE TABLE "abuse_report_notification_recipients" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"name" varchar(255) NOT NULL,
	"method" varchar(64) NOT NULL,
	"user_id" varchar(32),
	"system_webhook_id" varchar(32),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_logs" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"type" varchar(128) NOT NULL,
	"info" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_webhooks" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"name" varchar(255) NOT NULL,
	"on" varchar(128)[] DEFAULT '{}' NOT NULL,
	"url" varchar(1024) NOT NULL,
	"secret" varchar(1024) NOT NULL,
	"latest_sent_at" timestamp with time zone,
	"latest_status" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_ips" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"ip" varchar(128) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "enable_ip_logging" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "abuse_report_notification_recipients" ADD CONSTRAINT "abuse_report_notification_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abuse_report_notification_recipients" ADD CONSTRAINT "abuse_report_notification_recipients_system_webhook_id_system_webhooks_id_fk" FOREIGN KEY ("system_webhook_id") REFERENCES "public"."system_webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_logs" ADD CONSTRAINT "moderation_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_ips" ADD CONSTRAINT "user_ips_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "moderation_logs_user_id_idx" ON "moderation_logs" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "moderation_logs_type_idx" ON "moderation_logs" USING btree ("type","id");--> statement-breakpoint
CREATE INDEX "system_webhooks_is_active_idx" ON "system_webhooks" USING btree ("is_active");--> statement-breakpoint
CREATE UNIQUE INDEX "user_ips_user_id_ip_key" ON "user_ips" USING btree ("user_id","ip");