import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupTasks, groupThreads, meetings, workingGroups } from "#db/schema";
import { enqueueGroupContentSync, enqueueWholeGroupSync } from "./group-content-sync";

type Job = { key: string; queue: string | null; payload: { index: string; id: string } };

const jobs = async () =>
  (
    await db.execute<Job>(sql`
      select job.key, queue.queue_name as queue, job.payload
      from graphile_worker._private_jobs job
      join graphile_worker._private_tasks task on task.id = job.task_id
      left join graphile_worker._private_job_queues queue on queue.id = job.job_queue_id
      where task.identifier = 'search_sync' order by job.key`)
  ).map((job) => ({ ...job }));

describe("syncing a whole group", () => {
  test("enqueues every thread, task and meeting of the group, and only those, exactly as one by one would", async () => {
    const [group, other] = await db
      .insert(workingGroups)
      .values([
        { slug: "ganz", name: "Ganz", focus: "x" },
        { slug: "andere", name: "Andere", focus: "y" },
      ])
      .returning({ id: workingGroups.id });
    const [thread] = await db.insert(groupThreads).values({ groupId: group!.id, title: "Thema" }).returning({ id: groupThreads.id });
    const [task] = await db.insert(groupTasks).values({ groupId: group!.id, title: "Aufgabe" }).returning({ id: groupTasks.id });
    const startsAt = new Date();
    const [meeting] = await db.insert(meetings).values({ groupId: group!.id, title: "Treffen", startsAt, endsAt: startsAt }).returning({ id: meetings.id });
    await db.insert(groupThreads).values({ groupId: other!.id, title: "Fremd" });

    await enqueueWholeGroupSync(db, group!.id);
    const batched = await jobs();
    expect(batched.map((job) => job.key)).toEqual([`group_content:meeting:${meeting!.id}`, `group_content:task:${task!.id}`, `group_content:thread:${thread!.id}`]);

    await db.execute(sql`delete from graphile_worker._private_jobs`);
    await enqueueGroupContentSync(db, "meeting", meeting!.id);
    await enqueueGroupContentSync(db, "task", task!.id);
    await enqueueGroupContentSync(db, "thread", thread!.id);
    expect(await jobs()).toEqual(batched);
  });
});
