import { db } from "#db/client";
import { topicModerationLog } from "#db/schema";
import { loader as logLoader } from "#app/routes/open-mic.moderation.protokoll";
import { getRequest, run } from "#test/factories";
import { isSignInRedirect, makeTopic, setUpModerationWorld, type Person } from "./moderation-fixtures.server";
import { LOG_PER_PAGE } from "./moderation-log.server";

let member: Person;
let coordinator: Person;

beforeAll(async () => {
  ({ member, coordinator } = await setUpModerationWorld());
});

describe("the log /open-mic/moderation/protokoll", () => {
  test("is for coordinators, newest first, in pages", async () => {
    const id = await makeTopic();
    await db.insert(topicModerationLog).values(
      Array.from({ length: LOG_PER_PAGE + 5 }, (_, index) => ({
        topicId: id,
        actorId: coordinator.id,
        action: "lock" as const,
        reason: `Eintrag ${index}`,
        createdAt: new Date(Date.UTC(2030, 0, 1, 0, index)),
      })),
    );
    const page = (query = "", cookie?: string) => run(logLoader, getRequest(`/open-mic/moderation/protokoll${query}`, { cookie }));
    expect(isSignInRedirect(await page())).toBe(true);
    expect((await page("", member.cookie)).status).toBe(403);
    type Log = { entries: { reason: string; actorName: string; topicId: number }[]; page: number; pages: number; total: number };
    const first = (await (await page("", coordinator.cookie)).json()) as Log;
    expect(first.entries).toHaveLength(LOG_PER_PAGE);
    expect(first.entries[0]).toMatchObject({ reason: `Eintrag ${LOG_PER_PAGE + 4}`, actorName: "Karla Koordination", topicId: id });
    expect(first.pages).toBe(Math.ceil(first.total / LOG_PER_PAGE));
    const last = (await (await page(`?seite=${first.pages}`, coordinator.cookie)).json()) as Log;
    expect(last.page).toBe(first.pages);
    expect((await (await page("?seite=abc", coordinator.cookie)).json()) as Log).toMatchObject({ page: 1 });
  });
});
