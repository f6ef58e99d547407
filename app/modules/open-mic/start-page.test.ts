import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { topics } from "#db/schema";
import { loader as homeLoader } from "#app/routes/_index";
import { getRequest, run } from "#test/factories";

type Home = { topics: { id: number; title: string }[]; waiting: { count: number; oldestDays: number | null } };

describe("the start page's Open Mic news", () => {
  test("shows the newest visible topics and how long the oldest waits; guests' waiting topics and hidden ones stay out", async () => {
    const threeDaysAgo = sql`now() - interval '3 days'`;
    await db.insert(topics).values([
      { title: "Sprechstunde in Lindach fehlt", body: "Text", approvedAt: sql`now()`, createdAt: threeDaysAgo },
      { title: "Busverbindung zum Jobcenter", body: "Text", approvedAt: sql`now()` },
      { title: "Wartet noch auf Freigabe", body: "Text", guestEmail: "gast@example.org" },
      { title: "Ausgeblendetes Anliegen", body: "Text", approvedAt: sql`now()`, hiddenAt: sql`now()`, hiddenReason: "Spam" },
    ]);
    const home = (await (await run(homeLoader, getRequest("/"))).json()) as Home;
    expect(home.topics.map((topic) => topic.title)).toEqual(["Busverbindung zum Jobcenter", "Sprechstunde in Lindach fehlt"]);
    expect(home.waiting).toEqual({ count: 2, oldestDays: 3 });
  });
});
