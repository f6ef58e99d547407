import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { hourOfWeek } from "#search/open-hours";

const quote = (value: string) => JSON.stringify(value);
const list = (values: string[]) => `[${values.map(quote).join(", ")}]`;

type OpenNowRow = { weekday: number; hour: number; excepted: string[]; exceptionOpen: string[]; partlyOpen: string[] };

/**
 * The Meilisearch filter for "jetzt geöffnet". The index knows the whole hours of the week each place
 * is open; PostgreSQL adds, in one small query, what an hour index cannot know: places open now
 * within an hour they only partly cover (opening at 9:30, closing at 16:15) and today's exceptions
 * (closed on a holiday, other hours). All three lists are short, unlike a list of every open place.
 */
export async function openNowFilter(): Promise<string> {
  const [row] = await db.execute<OpenNowRow>(sql`
    with now_here as (select now() at time zone 'Europe/Berlin' as t)
    select
      extract(isodow from t)::int as weekday,
      extract(hour from t)::int as hour,
      array(select distinct location_id::text from opening_exceptions where day = t::date) as excepted,
      array(select distinct location_id::text from opening_exceptions
            where day = t::date and opens is not null and t::time >= opens and t::time < closes) as "exceptionOpen",
      array(select distinct location_id::text from opening_hours
            where weekday = extract(isodow from t) and t::time >= opens and t::time < closes
              and (opens > date_trunc('hour', t)::time or closes < date_trunc('hour', t)::time + interval '1 hour')) as "partlyOpen"
    from now_here`);
  if (!row) return `locationId IN ["none"]`;
  const excepted = new Set(row.excepted);
  const byList = [...new Set([...row.exceptionOpen, ...row.partlyOpen.filter((id) => !excepted.has(id))])];
  const byHour = `openHours = ${hourOfWeek(row.weekday, row.hour)}${excepted.size ? ` AND locationId NOT IN ${list([...excepted])}` : ""}`;
  return byList.length ? `(${byHour}) OR locationId IN ${list(byList)}` : byHour;
}
