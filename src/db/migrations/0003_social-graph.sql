CREATE TABLE "blockings" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"blocker_id" varchar(32) NOT NULL,
	"blockee_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_requests" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"follower_id" varchar(32) NOT NULL,
	"followee_id" varchar(32) NOT NULL,
	"with_replies" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followings" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"follower_id" varchar(32) NOT NULL,
	"followee_id" varchar(32) NOT NULL,
	"with_replies" boolean DEFAULT false NOT NULL,
	"notify" varchar(16) DEFAULT 'none' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mutings" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"muter_id" varchar(32) NOT NULL,
	"mutee_id" varchar(32) NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"notifiee_id" varchar(32) NOT NULL,
	"notifier_id" varchar(32),
	"type" varchar(64) NOT NULL,
	"note_id" varchar(32),
	"follow_request_id" varchar(32),
	"user_list_id" varchar(32),
	"achievement" varchar(128),
	"reaction" varchar(260),
	"message" varchar(256),
	"custom_body" varchar(2048),
	"custom_header" varchar(256),
	"custom_icon" varchar(1024),
	"app_access_token_id" varchar(32),
	"is_read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "renote_mutings" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"muter_id" varchar(32) NOT NULL,
	"mutee_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blockings" ADD CONSTRAINT "blockings_blocker_id_users_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockings" ADD CONSTRAINT "blockings_blockee_id_users_id_fk" FOREIGN KEY ("blockee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_requests" ADD CONSTRAINT "follow_requests_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_requests" ADD CONSTRAINT "follow_requests_followee_id_users_id_fk" FOREIGN KEY ("followee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followings" ADD CONSTRAINT "followings_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followings" ADD CONSTRAINT "followings_followee_id_users_id_fk" FOREIGN KEY ("followee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutings" ADD CONSTRAINT "mutings_muter_id_users_id_fk" FOREIGN KEY ("muter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutings" ADD CONSTRAINT "mutings_mutee_id_users_id_fk" FOREIGN KEY ("mutee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_notifiee_id_users_id_fk" FOREIGN KEY ("notifiee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_notifier_id_users_id_fk" FOREIGN KEY ("notifier_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_app_access_token_id_access_tokens_id_fk" FOREIGN KEY ("app_access_token_id") REFERENCES "public"."access_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renote_mutings" ADD CONSTRAINT "renote_mutings_muter_id_users_id_fk" FOREIGN KEY ("muter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renote_mutings" ADD CONSTRAINT "renote_mutings_mutee_id_users_id_fk" FOREIGN KEY ("mutee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "blockings_blocker_blockee_key" ON "blockings" USING btree ("blocker_id","blockee_id");--> statement-breakpoint
CREATE INDEX "blockings_blocker_id_idx" ON "blockings" USING btree ("blocker_id","id");--> statement-breakpoint
CREATE INDEX "blockings_blockee_id_idx" ON "blockings" USING btree ("blockee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_requests_follower_followee_key" ON "follow_requests" USING btree ("follower_id","followee_id");--> statement-breakpoint
CREATE INDEX "follow_requests_followee_id_idx" ON "follow_requests" USING btree ("followee_id","id");--> statement-breakpoint
CREATE INDEX "follow_requests_follower_id_idx" ON "follow_requests" USING btree ("follower_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "followings_follower_followee_key" ON "followings" USING btree ("follower_id","followee_id");--> statement-breakpoint
CREATE INDEX "followings_followee_id_idx" ON "followings" USING btree ("followee_id","id");--> statement-breakpoint
CREATE INDEX "followings_follower_id_idx" ON "followings" USING btree ("follower_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mutings_muter_mutee_key" ON "mutings" USING btree ("muter_id","mutee_id");--> statement-breakpoint
CREATE INDEX "mutings_muter_id_idx" ON "mutings" USING btree ("muter_id","id");--> statement-breakpoint
CREATE INDEX "mutings_mutee_id_idx" ON "mutings" USING btree ("mutee_id");--> statement-breakpoint
CREATE INDEX "mutings_expires_at_idx" ON "mutings" USING btree ("expires_at") WHERE "mutings"."expires_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_notifiee_id_idx" ON "notifications" USING btree ("notifiee_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("notifiee_id") WHERE "notifications"."is_read" = false;--> statement-breakpoint
CREATE UNIQUE INDEX "renote_mutings_muter_mutee_key" ON "renote_mutings" USING btree ("muter_id","mutee_id");--> statement-breakpoint
CREATE INDEX "renote_mutings_muter_id_idx" ON "renote_mutings" USING btree ("muter_id","id");