ALTER TABLE "locations" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_external_id_unique" UNIQUE("external_id");--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_external_id_unique" UNIQUE("external_id");--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_external_id_unique" UNIQUE("external_id");