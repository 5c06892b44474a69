CREATE TABLE "clip_favorites" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"clip_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clip_notes" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"clip_id" varchar(32) NOT NULL,
	"note_id" varchar(32) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clips" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"name" varchar(128) NOT NULL,
	"description" varchar(2048),
	"is_public" boolean DEFAULT false NOT NULL,
	"last_clipped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clip_favorites" ADD CONSTRAINT "clip_favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clip_favorites" ADD CONSTRAINT "clip_favorites_clip_id_clips_id_fk" FOREIGN KEY ("clip_id") REFERENCES "public"."clips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clip_notes" ADD CONSTRAINT "clip_notes_clip_id_clips_id_fk" FOREIGN KEY ("clip_id") REFERENCES "public"."clips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clip_notes" ADD CONSTRAINT "clip_notes_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clips" ADD CONSTRAINT "clips_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clip_favorites_user_clip_key" ON "clip_favorites" USING btree ("user_id","clip_id");--> statement-breakpoint
CREATE INDEX "clip_favorites_clip_id_idx" ON "clip_favorites" USING btree ("clip_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clip_notes_clip_note_key" ON "clip_notes" USING btree ("clip_id","note_id");--> statement-breakpoint
CREATE INDEX "clip_notes_note_id_idx" ON "clip_notes" USING btree ("note_id");--> statement-breakpoint
CREATE INDEX "clips_user_id_idx" ON "clips" USING btree ("user_id","id");