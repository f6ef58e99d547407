// The HTML of each page template as the running app answers it: raw bytes and gzip (compression's
// level, as the server sends it), for the viewer the page is meant for.
import { gzipSync } from "node:zlib";
import type postgres from "postgres";
import { createSignInSession } from "#app/modules/auth/session.server";
import { demoUsers } from "#app/modules/demo/demo-users.server";
import type { PageVisit, Viewer } from "./weight-pages";

/** A page's HTML in bytes; `stringsUrl` is the address of the language script it loads. */
export type HtmlWeight = { status: number; rawBytes: number; gzipBytes: number; stringsUrl?: string; error?: string };

const REQUEST_TIMEOUT_MS = 30_000;

/** A cookie header per viewer: sessions made by the auth module, as signing in makes them (the second factor given where the account has one). */
export async function viewerCookies(sql: postgres.Sql): Promise<Record<Viewer, string>> {
  const idOf = async (role: "member" | "coordinator" | "admin") => {
    const email = demoUsers.find((user) => user.role === role)!.email;
    const [row] = await sql<{ id: string }[]>`select id from users where email = ${email}`;
    if (!row) throw new Error(`The demo network has no ${role} account.`);
    return row.id;
  };
  const cookie = (setCookie: string) => setCookie.split(";")[0]!;
  const admin = await idOf("admin");
  return {
    guest: "",
    member: cookie(await createSignInSession(await idOf("member"), { secondFactorDone: true })),
    coordinator: cookie(await createSignInSession(await idOf("coordinator"), { secondFactorDone: true })),
    admin: cookie(await createSignInSession(admin, { secondFactorDone: true })),
    // The password step done, the code not yet: the one page such a session may see.
    "admin-owing-code": cookie(await createSignInSession(admin)),
  };
}

/** Loads one page the way a browser's first visit does (no redirect followed: a redirect is reported as such). */
export async function loadPage(origin: string, visit: PageVisit, cookies: Record<Viewer, string>): Promise<HtmlWeight> {
  try {
    const response = await fetch(`${origin}${visit.path}`, {
      redirect: "manual",
      headers: { Accept: "text/html", ...(cookies[visit.as] ? { Cookie: cookies[visit.as] } : {}) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const html = Buffer.from(await response.arrayBuffer());
    const stringsUrl = /<script src="([^"]+)"[^>]*data-i18n/.exec(html.toString("utf8"))?.[1];
    return { status: response.status, rawBytes: html.length, gzipBytes: html.length > 0 ? gzipSync(html).length : 0, stringsUrl };
  } catch (error) {
    return { status: 0, rawBytes: 0, gzipBytes: 0, error: (error as Error).message };
  }
}
