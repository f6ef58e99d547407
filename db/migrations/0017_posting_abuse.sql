CREATE TABLE "post_fingerprints" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "hidden_by_flags" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "topic_replies" ADD COLUMN "hidden_by_flags" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "site_settings" ADD COLUMN "flags_to_hide" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
CREATE INDEX "post_fingerprints_created_idx" ON "post_fingerprints" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "site_settings" ADD CONSTRAINT "site_settings_flags_to_hide_range" CHECK ("site_settings"."flags_to_hide" between 0 and 50);