CREATE TABLE "announcement_reads" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"announcement_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"title" varchar(256) NOT NULL,
	"text" text NOT NULL,
	"image_url" varchar(1024),
	"icon" varchar(16) DEFAULT 'info' NOT NULL,
	"display" varchar(16) DEFAULT 'normal' NOT NULL,
	"need_confirmation_to_read" boolean DEFAULT false NOT NULL,
	"need_enrollment_tutorial_to_read" boolean DEFAULT false NOT NULL,
	"close_duration" integer DEFAULT 0 NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"for_existing_users" boolean DEFAULT false NOT NULL,
	"silence" boolean DEFAULT false NOT NULL,
	"user_id" varchar(32)
);
--> statement-breakpoint
CREATE TABLE "invite_codes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"code" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by_id" varchar(32),
	"used_by_id" varchar(32),
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "preserved_usernames" text[] DEFAULT '{"admin","administrator","root","system","maintainer","host","mod","moderator","owner","superuser","staff","auth","i","me","everyone","all","mention","mentions","example","user","users","account","accounts","official","help","helps","support","supports","info","information","informations","announce","announces","announcement","announcements","notice","notification","notifications","dev","developer","developers","tech","misskey"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_codes" ADD CONSTRAINT "invite_codes_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_codes" ADD CONSTRAINT "invite_codes_used_by_id_users_id_fk" FOREIGN KEY ("used_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "announcement_reads_user_announcement_key" ON "announcement_reads" USING btree ("user_id","announcement_id");--> statement-breakpoint
CREATE INDEX "announcement_reads_announcement_id_idx" ON "announcement_reads" USING btree ("announcement_id");--> statement-breakpoint
CREATE INDEX "announcements_user_id_idx" ON "announcements" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "announcements_is_active_idx" ON "announcements" USING btree ("is_active","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invite_codes_code_key" ON "invite_codes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "invite_codes_created_by_id_idx" ON "invite_codes" USING btree ("created_by_id","id");