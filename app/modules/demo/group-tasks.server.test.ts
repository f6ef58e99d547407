import { eq } from "drizzle-orm";
import { createUser } from "#app/modules/auth/users.server";
import { berlinDay, isOverdue } from "#app/modules/groups/tasks/task-dates";
import { db } from "#db/client";
import { groupMemberships, groupTaskAssignees, groupTasks, groupThreads, workingGroups } from "#db/schema";
import { DEMO_PASSWORD, demoUsers } from "./demo-users.server";
import { seedGroupTasks } from "./group-tasks.server";
import { seedGroups } from "./groups.server";

test("every demo group gets tasks in all three states, some overdue, some without due date, assigned to its members — once", async () => {
  for (const user of demoUsers) await createUser(db, { ...user, password: DEMO_PASSWORD, emailVerified: true, locale: "de" });
  await seedGroups(db);
  const groups = await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups);
  const withThread = groups.find((group) => group.slug === "sprache-bildung")!;
  const [thread] = await db.insert(groupThreads).values({ groupId: withThread.id, title: "Wartelisten" }).returning({ id: groupThreads.id });

  await seedGroupTasks(db);
  const today = berlinDay(new Date());
  for (const group of groups) {
    const tasks = await db.select().from(groupTasks).where(eq(groupTasks.groupId, group.id));
    expect(new Set(tasks.map((task) => task.status)), group.slug).toEqual(new Set(["open", "in_progress", "done"]));
    expect(
      tasks.some((task) => isOverdue(task, today)),
      group.slug,
    ).toBe(true);
    expect(
      tasks.some((task) => task.dueDate === null),
      group.slug,
    ).toBe(true);
    expect(tasks.filter((task) => task.status === "done").every((task) => task.completedAt !== null)).toBe(true);
    const members = new Set((await db.select({ userId: groupMemberships.userId }).from(groupMemberships).where(eq(groupMemberships.groupId, group.id))).map((row) => row.userId));
    const assigned = await db
      .select({ userId: groupTaskAssignees.userId })
      .from(groupTaskAssignees)
      .innerJoin(groupTasks, eq(groupTasks.id, groupTaskAssignees.taskId))
      .where(eq(groupTasks.groupId, group.id));
    expect(assigned.length, group.slug).toBeGreaterThan(0);
    expect(
      assigned.every((row) => members.has(row.userId)),
      group.slug,
    ).toBe(true);
    // Only a group with threads links one.
    expect(tasks.filter((task) => task.threadId !== null).map((task) => task.threadId)).toEqual(group.id === withThread.id ? [thread!.id] : []);
  }

  const before = (await db.select({ id: groupTasks.id }).from(groupTasks)).length;
  await seedGroupTasks(db);
  expect((await db.select({ id: groupTasks.id }).from(groupTasks)).length).toBe(before);
});
