// One representative address per page template on the demo network, and who looks at it. The demo's
// own rows give the slugs and ids: a page of a thread the demo has, a topic with replies, a group the
// member belongs to. Secret links are made the way the app makes them (tokens.server,
// unsubscribe.server, a group invitation) or read from the local mail outbox (the demo's invitations).
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type postgres from "postgres";
import type { SessionUser } from "#app/modules/auth/session.server";
import { createUserToken } from "#app/modules/auth/tokens.server";
import { ALBERS, KOWALCZYK } from "#app/modules/demo/demo-users.server";
import { inviteToGroup } from "#app/modules/groups/membership/invitations.server";
import { sendInvitations } from "#app/modules/invitations/invitations.server";
import { memberUnsubscribeToken } from "#app/modules/notifications/unsubscribe.server";
import { db } from "#db/client";

/** Who asks: nobody, a plain member, a coordinator, an admin, or the admin halfway through signing in (the code is owed). */
export type Viewer = "guest" | "member" | "coordinator" | "admin" | "admin-owing-code";
export type PageVisit = { path: string; as: Viewer; note?: string };

/** The demo rows the addresses are made of. */
type Demo = {
  partner: string;
  service: string;
  location: string;
  group: string;
  privateGroup: string;
  thread: string;
  task: string;
  meeting: string;
  event: string;
  topic: number;
  term: string;
  handle: string;
  personId: string;
  memberId: string;
  memberEmail: string;
  groupInvitation: string | null;
  invitationToken: string | null;
  resetToken: string;
  unsubscribeToken: string;
};

async function one<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`The demo network has no ${what}.`);
  return row;
}

/** Reads the demo network for the addresses (after seedDemoOnStart). */
export async function readDemo(sql: postgres.Sql): Promise<Demo> {
  const member = await one(sql<{ id: string; email: string }[]>`select id, email from users where email = ${KOWALCZYK}`, "member account");
  // The partner with the most services and a location: its pages show the most.
  const partner = await one(
    sql<{ id: string; slug: string; location: string }[]>`
      select p.id, p.slug, (select l.id from locations l where l.partner_id = p.id order by l.id limit 1) as location
      from partners p where exists (select 1 from locations l where l.partner_id = p.id)
      order by (select count(*) from services s where s.partner_id = p.id) desc, p.slug limit 1`,
    "partner with a location",
  );
  const service = await one(sql<{ slug: string }[]>`select slug from services where partner_id = ${partner.id} order by slug limit 1`, "service");
  // The member's public group with the most threads: thread, task and meeting pages come from it.
  const group = await one(
    sql<{ id: string; slug: string }[]>`
      select g.id, g.slug from working_groups g join group_memberships m on m.group_id = g.id and m.user_id = ${member.id}
      where g.visibility = 'public' order by (select count(*) from group_threads t where t.group_id = g.id) desc, g.slug limit 1`,
    "group of the member",
  );
  const privateGroup = await one(
    sql<{ slug: string }[]>`
      select g.slug from working_groups g where g.visibility = 'private'
      and not exists (select 1 from group_memberships m where m.group_id = g.id and m.user_id = ${member.id}) order by g.slug limit 1`,
    "private group the member is not in",
  ).catch(() => ({ slug: group.slug }));
  const thread = await one(
    sql<{ id: string }[]>`select t.id from group_threads t where t.group_id = ${group.id} order by (select count(*) from group_posts p where p.thread_id = t.id) desc, t.id limit 1`,
    "thread",
  );
  const task = await one(sql<{ id: string }[]>`select id from group_tasks where group_id = ${group.id} order by id limit 1`, "task");
  const meeting = await one(sql<{ id: string }[]>`select id from meetings where group_id = ${group.id} order by starts_at desc limit 1`, "meeting");
  const event = await one(sql<{ id: string }[]>`select id from meetings where group_id is null order by starts_at desc limit 1`, "network event");
  // A public topic with the most replies: the page shows Markdown, replies and supports.
  const topic = await one(
    sql<{ id: number }[]>`
      select t.id from topics t where t.approved_at is not null and t.hidden_at is null and t.merged_into_id is null
      order by (select count(*) from topic_replies r where r.topic_id = t.id) desc, t.id limit 1`,
    "topic",
  );
  const term = await one(sql<{ id: string }[]>`select id from taxonomy_terms order by id limit 1`, "taxonomy term");
  const person = await one(sql<{ id: string; handle: string }[]>`select id, handle from users where email = ${ALBERS}`, "demo person");
  return {
    partner: partner.slug,
    service: service.slug,
    location: partner.location,
    group: group.slug,
    privateGroup: privateGroup.slug,
    thread: thread.id,
    task: task.id,
    meeting: meeting.id,
    event: event.id,
    topic: topic.id,
    term: term.id,
    handle: person.handle,
    personId: person.id,
    memberId: member.id,
    memberEmail: member.email,
    groupInvitation: null,
    invitationToken: null,
    resetToken: await createUserToken(db, member.id, "reset_password", member.email),
    unsubscribeToken: memberUnsubscribeToken(member.id, "topic_reply"),
  };
}

/** The newest invitation link in the local mail outbox. */
async function invitationTokenFromOutbox(dataDir: string): Promise<string | null> {
  const folder = path.join(dataDir, "mail");
  const files = await fs.readdir(folder).catch(() => [] as string[]);
  for (const file of files.sort().reverse()) {
    // Quoted-printable mails wrap long lines with "=" at the end and write "=" as "=3D".
    const text = (await fs.readFile(path.join(folder, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    const token = /\/einladung\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
    if (token) return token;
  }
  return null;
}

/**
 * Adds the links a visit needs that the demo does not keep in rows: the token of a demo invitation
 * (from the outbox) and a group invitation of the member, sent by the coordinator (`inviter`) to a
 * public group the member is not in.
 */
export async function addSecretLinks(sql: postgres.Sql, demo: Demo, dataDir: string, inviter: SessionUser): Promise<Demo> {
  const [group] = await sql<{ id: string; slug: string; name: string }[]>`
    select g.id, g.slug, g.name from working_groups g where g.slug <> ${demo.privateGroup}
    and not exists (select 1 from group_memberships m where m.group_id = g.id and m.user_id = ${demo.memberId}) order by g.slug limit 1`;
  const invited = group ? await inviteToGroup(group, demo.memberEmail, "", inviter) : null;
  // A fresh invitation to the network, so its link is the newest and still open, whatever was done
  // with the demo's own invitations before.
  await sendInvitations(inviter, [`besuch-${randomUUID().slice(0, 8)}@auental.example`], { role: "member", partnerId: null, partnerFunction: "", groupIds: [], locale: "de" });
  return { ...demo, groupInvitation: invited?.status === "sent" ? invited.id : null, invitationToken: await invitationTokenFromOutbox(dataDir) };
}

/** Every page template's visit; a template missing here is reported by the benchmark. */
export function pageVisits(demo: Demo): Record<string, PageVisit> {
  const g = `/arbeitsgruppen/${demo.group}`;
  const p = `/verzeichnis/partner/${demo.partner}`;
  return {
    "routes/_index": { path: "/", as: "guest" },
    "routes/$": { path: "/gibt-es-nicht", as: "guest", note: "an address that does not exist" },
    "routes/suche": { path: "/suche?q=Deutschkurs", as: "guest" },
    "routes/impressum": { path: "/impressum", as: "guest" },
    "routes/datenschutz": { path: "/datenschutz", as: "guest" },
    "routes/barrierefreiheit": { path: "/barrierefreiheit", as: "guest" },
    "routes/leichte-sprache": { path: "/leichte-sprache", as: "guest" },
    "routes/verzeichnis._index": { path: "/verzeichnis?q=Deutschkurs", as: "guest" },
    "routes/verzeichnis.partner.$slug": { path: p, as: "guest" },
    "routes/verzeichnis.angebote.$slug": { path: `/verzeichnis/angebote/${demo.service}`, as: "guest" },
    "routes/open-mic._index": { path: "/open-mic", as: "guest" },
    "routes/open-mic.$id": { path: `/open-mic/${demo.topic}`, as: "member" },
    "routes/open-mic.neu": { path: "/open-mic/neu", as: "guest" },
    "routes/arbeitsgruppen._index": { path: "/arbeitsgruppen", as: "guest" },
    "routes/arbeitsgruppen.$slug": { path: g, as: "member" },
    "routes/kalender._index": { path: "/kalender", as: "member" },
    "routes/kalender.termine.$id": { path: `/kalender/termine/${demo.event}`, as: "guest" },
    "routes/anmelden": { path: "/anmelden", as: "guest" },
    "routes/anmelden_.code": { path: "/anmelden/code", as: "admin-owing-code" },
    "routes/registrieren": { path: "/registrieren", as: "guest" },
    "routes/passwort-vergessen": { path: "/passwort-vergessen", as: "guest" },
    "routes/passwort-zuruecksetzen": { path: `/passwort-zuruecksetzen?token=${demo.resetToken}`, as: "guest" },
    "routes/e-mail-bestaetigen": { path: "/e-mail-bestaetigen", as: "member", note: "no token: the page's only view" },
    "routes/einladung.$token": demo.invitationToken
      ? { path: `/einladung/${demo.invitationToken}`, as: "guest" }
      : { path: "/einladung/unbekannt", as: "guest", note: "no invitation in the outbox (404)" },
    "routes/einrichten.$token": { path: "/einrichten/unbekannt", as: "guest", note: "no setup link once an admin exists (404)" },
    "routes/benachrichtigungen.abbestellen": { path: `/benachrichtigungen/abbestellen?token=${demo.unsubscribeToken}`, as: "guest" },
    "routes/abmelden": { path: "/abmelden", as: "member" },
    "routes/konto._index": { path: "/konto", as: "member" },
    "routes/konto.profil": { path: "/konto/profil", as: "member" },
    "routes/konto.passwort": { path: "/konto/passwort", as: "member" },
    "routes/konto.sicherheit": { path: "/konto/sicherheit", as: "member" },
    "routes/konto.zwei-faktor": { path: "/konto/zwei-faktor", as: "member" },
    "routes/konto.daten": { path: "/konto/daten", as: "member" },
    "routes/konto.benachrichtigungen": { path: "/konto/benachrichtigungen", as: "member" },
    "routes/konto.benachrichtigungen_.$id": { path: "/konto/benachrichtigungen/00000000-0000-0000-0000-000000000000", as: "member", note: "only redirects; an unknown one (404)" },
    "routes/personen._index": { path: "/personen", as: "member" },
    "routes/personen.$handle": { path: `/personen/${demo.handle}`, as: "member" },
    "routes/arbeitsgruppen.neu": { path: "/arbeitsgruppen/neu", as: "coordinator" },
    "routes/arbeitsgruppen.anfragen.$slug": { path: `/arbeitsgruppen/anfragen/${demo.privateGroup}`, as: "member" },
    "routes/arbeitsgruppen.einladungen.$id": demo.groupInvitation
      ? { path: `/arbeitsgruppen/einladungen/${demo.groupInvitation}`, as: "member" }
      : { path: "/arbeitsgruppen/einladungen/00000000-0000-0000-0000-000000000000", as: "member", note: "no pending invitation in the demo (404)" },
    "routes/arbeitsgruppen.$slug_.bearbeiten": { path: `${g}/bearbeiten`, as: "coordinator" },
    "routes/arbeitsgruppen.$slug_.mitglieder": { path: `${g}/mitglieder`, as: "coordinator" },
    "routes/arbeitsgruppen.$slug_.moderation": { path: `${g}/moderation`, as: "coordinator" },
    "routes/arbeitsgruppen.$slug_.themen._index": { path: `${g}/themen`, as: "member" },
    "routes/arbeitsgruppen.$slug_.themen.$id": { path: `${g}/themen/${demo.thread}`, as: "member" },
    "routes/arbeitsgruppen.$slug_.themen.neu": { path: `${g}/themen/neu`, as: "member" },
    "routes/arbeitsgruppen.$slug_.aufgaben._index": { path: `${g}/aufgaben`, as: "member" },
    "routes/arbeitsgruppen.$slug_.aufgaben.$id": { path: `${g}/aufgaben/${demo.task}`, as: "member" },
    "routes/arbeitsgruppen.$slug_.aufgaben.neu": { path: `${g}/aufgaben/neu`, as: "member" },
    "routes/arbeitsgruppen.$slug_.treffen._index": { path: `${g}/treffen`, as: "member" },
    "routes/arbeitsgruppen.$slug_.treffen.$id": { path: `${g}/treffen/${demo.meeting}`, as: "member" },
    "routes/arbeitsgruppen.$slug_.treffen.neu": { path: `${g}/treffen/neu`, as: "coordinator" },
    "routes/arbeitsgruppen.$slug_.treffen.$id_.bearbeiten": { path: `${g}/treffen/${demo.meeting}/bearbeiten`, as: "coordinator" },
    "routes/kalender.termine.neu": { path: "/kalender/termine/neu", as: "coordinator" },
    "routes/kalender.termine.$id_.bearbeiten": { path: `/kalender/termine/${demo.event}/bearbeiten`, as: "coordinator" },
    "routes/open-mic.moderation._index": { path: "/open-mic/moderation", as: "coordinator" },
    "routes/open-mic.moderation.protokoll": { path: "/open-mic/moderation/protokoll", as: "coordinator" },
    "routes/open-mic.wiedervorlage": { path: "/open-mic/wiedervorlage", as: "coordinator" },
    "routes/open-mic.$id_.moderieren": { path: `/open-mic/${demo.topic}/moderieren`, as: "coordinator" },
    "routes/open-mic.$id_.status": { path: `/open-mic/${demo.topic}/status`, as: "coordinator" },
    "routes/verzeichnis.partner.neu": { path: "/verzeichnis/partner/neu", as: "coordinator" },
    "routes/verzeichnis.partner.$slug_.bearbeiten": { path: `${p}/bearbeiten`, as: "coordinator" },
    "routes/verzeichnis.partner.$slug_.pruefen": { path: `${p}/pruefen`, as: "coordinator" },
    "routes/verzeichnis.partner.$slug_.standorte.neu": { path: `${p}/standorte/neu`, as: "coordinator" },
    "routes/verzeichnis.partner.$slug_.standorte.$id": { path: `${p}/standorte/${demo.location}`, as: "coordinator" },
    "routes/verzeichnis.partner.$slug_.angebote.neu": { path: `${p}/angebote/neu`, as: "coordinator" },
    "routes/verzeichnis.partner.$slug_.zusammenfuehren": { path: `${p}/zusammenfuehren`, as: "coordinator" },
    "routes/verzeichnis.angebote.$slug_.bearbeiten": { path: `/verzeichnis/angebote/${demo.service}/bearbeiten`, as: "coordinator" },
    "routes/verzeichnis.themen._index": { path: "/verzeichnis/themen", as: "coordinator" },
    "routes/verzeichnis.themen.$id": { path: `/verzeichnis/themen/${demo.term}`, as: "coordinator" },
    "routes/verzeichnis.suchbegriffe": { path: "/verzeichnis/suchbegriffe", as: "coordinator" },
    "routes/verzeichnis.import": { path: "/verzeichnis/import", as: "coordinator" },
    "routes/verzeichnis.import_.zuordnung": { path: "/verzeichnis/import/zuordnung", as: "coordinator" },
    "routes/verzeichnis.uebersicht": { path: "/verzeichnis/uebersicht", as: "coordinator" },
    "routes/verwaltung._index": { path: "/verwaltung", as: "admin" },
    "routes/verwaltung.personen._index": { path: "/verwaltung/personen", as: "admin" },
    "routes/verwaltung.personen.$id": { path: `/verwaltung/personen/${demo.personId}`, as: "admin" },
    "routes/verwaltung.einladungen": { path: "/verwaltung/einladungen", as: "admin" },
    "routes/verwaltung.protokoll": { path: "/verwaltung/protokoll", as: "admin" },
    "routes/verwaltung.barrierefreiheit": { path: "/verwaltung/barrierefreiheit", as: "coordinator" },
  };
}
