import type { TaxonomyKind } from "#db/schema/directory-enums";

type TermSeed = { kind: TaxonomyKind; slug: string; labels: Record<string, string> };

/** The managed taxonomy of the network: Themenfelder and Zielgruppen, labelled in each UI language. */
export const taxonomySeed: TermSeed[] = [
  { kind: "category", slug: "sprache", labels: { de: "Sprache", en: "Language" } },
  { kind: "category", slug: "arbeit", labels: { de: "Arbeit", en: "Work" } },
  { kind: "category", slug: "bildung", labels: { de: "Bildung", en: "Education" } },
  { kind: "category", slug: "anerkennung", labels: { de: "Anerkennung", en: "Recognition of qualifications" } },
  { kind: "category", slug: "aufenthalt-recht", labels: { de: "Aufenthalt & Recht", en: "Residence & law" } },
  { kind: "category", slug: "wohnen", labels: { de: "Wohnen", en: "Housing" } },
  { kind: "category", slug: "gesundheit", labels: { de: "Gesundheit", en: "Health" } },
  { kind: "category", slug: "kinder-familie", labels: { de: "Kinder & Familie", en: "Children & family" } },
  { kind: "category", slug: "freizeit-sport", labels: { de: "Freizeit & Sport", en: "Leisure & sport" } },
  { kind: "category", slug: "ehrenamt", labels: { de: "Ehrenamt", en: "Volunteering" } },
  { kind: "category", slug: "beratung", labels: { de: "Beratung", en: "Counselling" } },
  { kind: "category", slug: "alltag-orientierung", labels: { de: "Alltag & Orientierung", en: "Everyday life & orientation" } },
  { kind: "target_group", slug: "gefluechtete", labels: { de: "Geflüchtete", en: "Refugees" } },
  { kind: "target_group", slug: "eu-zugewanderte", labels: { de: "EU-Zugewanderte", en: "EU migrants" } },
  { kind: "target_group", slug: "ukraine", labels: { de: "Schutzsuchende aus der Ukraine", en: "People from Ukraine" } },
  { kind: "target_group", slug: "fachkraefte", labels: { de: "Fachkräfte", en: "Skilled workers" } },
  { kind: "target_group", slug: "jugendliche", labels: { de: "Jugendliche", en: "Young people" } },
  { kind: "target_group", slug: "frauen", labels: { de: "Frauen", en: "Women" } },
  { kind: "target_group", slug: "familien", labels: { de: "Familien", en: "Families" } },
  { kind: "target_group", slug: "senioren", labels: { de: "Ältere Menschen", en: "Older people" } },
  { kind: "target_group", slug: "alle", labels: { de: "Alle", en: "Everyone" } },
];
