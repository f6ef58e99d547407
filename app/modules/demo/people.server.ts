import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "#db/client";
import { partners, services, userOrganizations } from "#db/schema";
import type { ContactVisibility } from "#db/schema/user-enums";
import { saveProfile } from "#app/modules/people/profile.server";
import { ALBERS, AYDIN, DEMIR, HADDAD, KOWALCZYK, PETERSEN, userIdsByEmail, WENDT } from "./demo-users.server";

type DemoProfile = {
  email: string;
  organisations: [partnerSlug: string, role: string][];
  languages: string[];
  topics: string[];
  about: string;
  phone?: string;
  phoneVisibility?: ContactVisibility;
  emailVisibility?: ContactVisibility;
};

// Invented people of the invented district: the numbers are made up (06021 is only the demo's area code).
const DEMO_PROFILES: DemoProfile[] = [
  {
    email: "admin@auental.example",
    organisations: [["integrationsbuero-auental", "Betreuung der Plattform Kurze Wege"]],
    languages: ["de", "en"],
    topics: ["alltag-orientierung"],
    about: "Ich betreue die Plattform: Konten, Rollen und Einladungen. Fragen zur Technik gern an mich.",
  },
  {
    email: AYDIN,
    organisations: [["integrationsbuero-auental", "Integrationskoordination"]],
    languages: ["de", "tr", "en"],
    topics: ["sprache", "arbeit", "alltag-orientierung"],
    about: "Ich koordiniere das Integrationsnetzwerk des Landkreises und die vier Arbeitsgruppen.",
    phone: "06021 394-210",
    phoneVisibility: "members",
    emailVisibility: "members",
  },
  {
    email: KOWALCZYK,
    organisations: [["freiwilligenagentur-auental", "Ehrenamtliche Sprachpatin"]],
    languages: ["de", "pl"],
    topics: ["sprache", "ehrenamt"],
    about: "Ich begleite als Sprachpatin Familien in Weidenfeld und helfe beim Sprachcafé.",
    phone: "0170 5550123",
    phoneVisibility: "nobody",
  },
  {
    email: ALBERS,
    organisations: [["vhs-auental", "Fachbereichsleitung Deutsch als Zweitsprache"]],
    languages: ["de", "en"],
    topics: ["sprache", "bildung"],
    about: "Integrations- und Berufssprachkurse der VHS: Einstufung, Plätze und Kinderbetreuung.",
    phone: "06021 394-455",
    phoneVisibility: "members",
  },
  {
    email: WENDT,
    organisations: [["jobcenter-auental", "Fallmanagement"]],
    languages: ["de", "ar"],
    topics: ["arbeit", "beratung"],
    about: "Fallmanagement im Team Migration: Wege in Arbeit und Ausbildung, auch auf Arabisch.",
    phone: "06021 394-733",
    phoneVisibility: "members",
  },
  {
    email: HADDAD,
    organisations: [["caritas-auental", "Migrationsberatung für erwachsene Zugewanderte (MBE)"]],
    languages: ["de", "ar", "fr"],
    topics: ["beratung", "aufenthalt-recht", "wohnen"],
    about: "Beratung zu Aufenthalt, Familiennachzug und Wohnungssuche.",
    phone: "06021 394-561",
    phoneVisibility: "members",
  },
  {
    email: PETERSEN,
    organisations: [["ukraine-hilfe-auental", "Ehrenamtliche Begleitung"]],
    languages: ["de", "en", "uk"],
    topics: ["ehrenamt", "wohnen"],
    about: "Ich begleite zu Terminen und helfe bei der Wohnungssuche.",
  },
  {
    email: DEMIR,
    organisations: [["kita-sonnenblume-weidenfeld", "Kita-Leitung"]],
    languages: ["de", "tr"],
    topics: ["kinder-familie"],
    about: "Kita-Plätze, Eingewöhnung und Elterncafé in Weidenfeld.",
    emailVisibility: "members",
  },
];

// Services whose contact is a person of the network: [service slug, e-mail of the person].
const DEMO_SERVICE_CONTACTS: [string, string][] = [
  ["jobcenter-erstberatung-gefluechtete", WENDT],
  ["ankommensberatung", AYDIN],
];

/**
 * Gives the demo people their "Wer ist wer" profiles, through the same write as /konto/profil (so
 * the people index learns them), and links a few services to their contact person. A person who has
 * a profile already keeps it: running the seed again changes nothing.
 */
export async function seedDemoPeople(db: Database): Promise<void> {
  const people = await userIdsByEmail(db);
  const slugs = [...new Set(DEMO_PROFILES.flatMap((profile) => profile.organisations.map(([slug]) => slug)))];
  const partnerIds = new Map((await db.select({ id: partners.id, slug: partners.slug }).from(partners).where(inArray(partners.slug, slugs))).map((row) => [row.slug, row.id]));
  for (const profile of DEMO_PROFILES) {
    const userId = people.get(profile.email);
    if (!userId) continue;
    const [existing] = await db.select({ userId: userOrganizations.userId }).from(userOrganizations).where(eq(userOrganizations.userId, userId)).limit(1);
    if (existing) continue;
    const organisations = profile.organisations.flatMap(([slug, role], row) => (partnerIds.has(slug) ? [{ partnerId: partnerIds.get(slug)!, function: role, row }] : []));
    const saved = await saveProfile(
      userId,
      {
        intent: "profile",
        organisations,
        languages: profile.languages,
        topics: profile.topics,
        about: profile.about,
        phone: profile.phone ?? null,
        phoneVisibility: profile.phoneVisibility ?? "members",
        emailVisibility: profile.emailVisibility ?? "nobody",
      },
      db,
    );
    if (!saved.ok) throw new Error(`demo profile of ${profile.email}: ${JSON.stringify(saved.errors)}`);
  }
  for (const [slug, email] of DEMO_SERVICE_CONTACTS) {
    const userId = people.get(email);
    if (userId)
      await db
        .update(services)
        .set({ contactUserId: userId })
        .where(and(eq(services.slug, slug), isNull(services.contactUserId)));
  }
}
