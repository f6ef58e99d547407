ALTER TABLE "change_suggestions" ALTER COLUMN "service_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "change_suggestions" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "change_suggestions" ADD CONSTRAINT "change_suggestions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_suggestions_partner_idx" ON "change_suggestions" USING btree ("partner_id","status");--> statement-breakpoint
ALTER TABLE "change_suggestions" ADD CONSTRAINT "change_suggestions_one_target" CHECK (num_nonnulls("change_suggestions"."service_id", "change_suggestions"."partner_id") = 1);