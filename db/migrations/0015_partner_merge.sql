ALTER TYPE "public"."admin_log_action" ADD VALUE IF NOT EXISTS 'partner_merged';--> statement-breakpoint
CREATE TABLE "partner_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"external_id" text,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_aliases_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "partner_aliases_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "partner_aliases" ADD CONSTRAINT "partner_aliases_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_aliases" ADD CONSTRAINT "partner_aliases_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_aliases_partner_idx" ON "partner_aliases" USING btree ("partner_id");