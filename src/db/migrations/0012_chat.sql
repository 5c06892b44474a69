CREATE TABLE "chat_messages" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"from_user_id" varchar(32) NOT NULL,
	"to_user_id" varchar(32),
	"to_room_id" varchar(32),
	"text" varchar(4096),
	"file_id" varchar(32),
	"is_read" boolean DEFAULT false NOT NULL,
	"reactions" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_room_invitations" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"room_id" varchar(32) NOT NULL,
	"ignored" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_room_memberships" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"user_id" varchar(32) NOT NULL,
	"room_id" varchar(32) NOT NULL,
	"is_muted" boolean DEFAULT false NOT NULL,
	"last_read_message_id" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_rooms" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"owner_id" varchar(32) NOT NULL,
	"name" varchar(256) NOT NULL,
	"description" varchar(1024) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_to_room_id_chat_rooms_id_fk" FOREIGN KEY ("to_room_id") REFERENCES "public"."chat_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_file_id_drive_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."drive_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_invitations" ADD CONSTRAINT "chat_room_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_invitations" ADD CONSTRAINT "chat_room_invitations_room_id_chat_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."chat_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_memberships" ADD CONSTRAINT "chat_room_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_memberships" ADD CONSTRAINT "chat_room_memberships_room_id_chat_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."chat_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_rooms" ADD CONSTRAINT "chat_rooms_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_messages_from_to_idx" ON "chat_messages" USING btree ("from_user_id","to_user_id","id");--> statement-breakpoint
CREATE INDEX "chat_messages_to_from_idx" ON "chat_messages" USING btree ("to_user_id","from_user_id","id");--> statement-breakpoint
CREATE INDEX "chat_messages_unread_idx" ON "chat_messages" USING btree ("to_user_id") WHERE "chat_messages"."is_read" = false;--> statement-breakpoint
CREATE INDEX "chat_messages_room_idx" ON "chat_messages" USING btree ("to_room_id","id");--> statement-breakpoint
CREATE INDEX "chat_messages_file_idx" ON "chat_messages" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_room_invitations_user_room_key" ON "chat_room_invitations" USING btree ("user_id","room_id");--> statement-breakpoint
CREATE INDEX "chat_room_invitations_room_id_idx" ON "chat_room_invitations" USING btree ("room_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_room_memberships_user_room_key" ON "chat_room_memberships" USING btree ("user_id","room_id");--> statement-breakpoint
CREATE INDEX "chat_room_memberships_room_id_idx" ON "chat_room_memberships" USING btree ("room_id","id");--> statement-breakpoint
CREATE INDEX "chat_rooms_owner_id_idx" ON "chat_rooms" USING btree ("owner_id","id");