CREATE INDEX "locations_town_idx" ON "locations" USING btree (lower("town"));--> statement-breakpoint
CREATE INDEX "locations_postal_code_idx" ON "locations" USING btree ("postal_code");