CREATE TYPE "public"."term_mapping_decision" AS ENUM('map', 'adopt', 'ignore');--> statement-breakpoint
ALTER TYPE "public"."cost_kind" ADD VALUE IF NOT EXISTS 'unknown';--> statement-breakpoint
ALTER TYPE "public"."entry_status" ADD VALUE IF NOT EXISTS 'draft';--> statement-breakpoint
CREATE TABLE "search_synonyms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"words" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_foreign_terms" (
	"service_id" uuid NOT NULL,
	"mapping_id" uuid NOT NULL,
	CONSTRAINT "service_foreign_terms_service_id_mapping_id_pk" PRIMARY KEY("service_id","mapping_id")
);
--> statement-breakpoint
CREATE TABLE "term_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"taxonomy" text NOT NULL,
	"key" text NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"decision" "term_mapping_decision",
	"term_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"user_id" uuid,
	"email" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zero_result_searches" (
	"query" text NOT NULL,
	"day" date NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "zero_result_searches_query_day_pk" PRIMARY KEY("query","day")
);
--> statement-breakpoint
ALTER TABLE "services" ALTER COLUMN "cost" SET DEFAULT 'unknown';--> statement-breakpoint
ALTER TABLE "taxonomy_terms" ADD COLUMN "keywords" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "taxonomy_terms" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "search_synonyms" ADD CONSTRAINT "search_synonyms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_foreign_terms" ADD CONSTRAINT "service_foreign_terms_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_foreign_terms" ADD CONSTRAINT "service_foreign_terms_mapping_id_term_mappings_id_fk" FOREIGN KEY ("mapping_id") REFERENCES "public"."term_mappings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_mappings" ADD CONSTRAINT "term_mappings_term_id_taxonomy_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."taxonomy_terms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_mappings" ADD CONSTRAINT "term_mappings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_reminders" ADD CONSTRAINT "verification_reminders_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_reminders" ADD CONSTRAINT "verification_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_foreign_terms_mapping_idx" ON "service_foreign_terms" USING btree ("mapping_id");--> statement-breakpoint
CREATE UNIQUE INDEX "term_mappings_key_idx" ON "term_mappings" USING btree ("source","taxonomy","key");--> statement-breakpoint
CREATE INDEX "verification_reminders_partner_idx" ON "verification_reminders" USING btree ("partner_id","sent_at");--> statement-breakpoint
CREATE INDEX "zero_result_searches_day_idx" ON "zero_result_searches" USING btree ("day");