ALTER TABLE "meta" ADD COLUMN "sensitive_words" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "meta" ADD COLUMN "prohibited_words" text[] DEFAULT '{}' NOT NULL;