import { eq } from "drizzle-orm";
import { createUser } from "#app/modules/auth/users.server";
import { db } from "#db/client";
import { groupMemberships, groupPosts, groupThreads, users, workingGroups } from "#db/schema";
import { DEMO_PASSWORD, demoUsers } from "./demo-users.server";
import { seedGroupThreads } from "./group-threads.server";
import { seedGroups } from "./groups.server";

test("every demo group gets about three threads with replies by its members, in the past, once", async () => {
  for (const user of demoUsers) await createUser(db, { ...user, password: DEMO_PASSWORD, emailVerified: true, locale: "de" });
  await seedGroups(db);
  await seedGroupThreads(db);

  const groups = await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups);
  const bodies: string[] = [];
  let pinned = 0;
  for (const group of groups) {
    const threads = await db.select().from(groupThreads).where(eq(groupThreads.groupId, group.id));
    expect(threads.length, group.slug).toBe(3);
    const members = new Set((await db.select({ userId: groupMemberships.userId }).from(groupMemberships).where(eq(groupMemberships.groupId, group.id))).map((row) => row.userId));
    for (const thread of threads) {
      const posts = await db.select().from(groupPosts).where(eq(groupPosts.threadId, thread.id)).orderBy(groupPosts.createdAt);
      expect(posts.length - 1, thread.title).toBeGreaterThanOrEqual(2);
      expect(posts.length - 1, thread.title).toBeLessThanOrEqual(5);
      // Written by members of the group, in order, before now; the thread's times follow its posts.
      expect(
        posts.every((post) => post.authorId !== null && members.has(post.authorId)),
        thread.title,
      ).toBe(true);
      expect(posts.at(-1)!.createdAt.getTime()).toBeLessThan(Date.now());
      expect(thread.createdAt.getTime()).toBe(posts[0]!.createdAt.getTime());
      expect(thread.lastPostAt.getTime()).toBe(posts.at(-1)!.createdAt.getTime());
      if (thread.pinnedAt) pinned += 1;
      bodies.push(...posts.map((post) => post.body));
    }
  }
  expect(pinned).toBe(1);
  const handles = new Set((await db.select({ handle: users.handle }).from(users)).map((row) => row.handle));
  expect(bodies.some((body) => [...body.matchAll(/@([\p{L}\p{N}.]+[\p{L}\p{N}])/gu)].some((match) => handles.has(match[1]!)))).toBe(true);
  expect(bodies.some((body) => body.startsWith("> "))).toBe(true);
  expect(bodies.some((body) => /\]\(https:\/\//.test(body))).toBe(true);

  const before = (await db.select({ id: groupPosts.id }).from(groupPosts)).length;
  await seedGroupThreads(db);
  expect((await db.select({ id: groupPosts.id }).from(groupPosts)).length).toBe(before);
  expect((await db.select({ id: groupThreads.id }).from(groupThreads)).length).toBe(12);
});
