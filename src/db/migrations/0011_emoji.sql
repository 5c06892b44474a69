ALTER TABLE "emojis" ADD COLUMN "role_ids_that_can_not_be_used_this_emoji_as_reaction" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "emojis" ADD COLUMN "requested_by" varchar(1024);--> statement-breakpoint
ALTER TABLE "emojis" ADD COLUMN "memo" text;