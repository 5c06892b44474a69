CREATE TABLE "antenna_notes" (
	"antenna_id" varchar(32) NOT NULL,
	"note_id" varchar(32) NOT NULL,
	CONSTRAINT "antenna_notes_antenna_id_note_id_pk" PRIMARY KEY("antenna_id","note_id")
);
--> statement-breakpoint
CREATE TABLE "antennas" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"name" varchar(128) NOT NULL,
	"src" varchar(32) NOT NULL,
	"user_list_id" varchar(32),
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exclude_keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"users" varchar(1024)[] DEFAULT '{}' NOT NULL,
	"case_sensitive" boolean DEFAULT false NOT NULL,
	"local_only" boolean DEFAULT false NOT NULL,
	"exclude_bots" boolean DEFAULT false NOT NULL,
	"with_replies" boolean DEFAULT false NOT NULL,
	"with_file" boolean DEFAULT false NOT NULL,
	"exclude_notes_in_sensitive_channel" boolean DEFAULT false NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "antenna_notes" ADD CONSTRAINT "antenna_notes_antenna_id_antennas_id_fk" FOREIGN KEY ("antenna_id") REFERENCES "public"."antennas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antenna_notes" ADD CONSTRAINT "antenna_notes_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antennas" ADD CONSTRAINT "antennas_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antennas" ADD CONSTRAINT "antennas_user_list_id_user_lists_id_fk" FOREIGN KEY ("user_list_id") REFERENCES "public"."user_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antenna_notes_note_id_idx" ON "antenna_notes" USING btree ("note_id");--> statement-breakpoint
CREATE INDEX "antennas_user_id_idx" ON "antennas" USING btree ("user_id","id");