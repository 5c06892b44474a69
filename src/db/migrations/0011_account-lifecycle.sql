CREATE TABLE "user_account_move_logs" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"moved_from_id" varchar(32) NOT NULL,
	"moved_to_id" varchar(32) NOT NULL,
	"moved_to_uri" varchar(512) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_account_move_logs" ADD CONSTRAINT "user_account_move_logs_moved_from_id_users_id_fk" FOREIGN KEY ("moved_from_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_account_move_logs" ADD CONSTRAINT "user_account_move_logs_moved_to_id_users_id_fk" FOREIGN KEY ("moved_to_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_account_move_logs_moved_from_id_idx" ON "user_account_move_logs" USING btree ("moved_from_id");--> statement-breakpoint
CREATE INDEX "user_account_move_logs_moved_to_id_idx" ON "user_account_move_logs" USING btree ("moved_to_id");