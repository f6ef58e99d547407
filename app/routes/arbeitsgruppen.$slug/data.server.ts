import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser, requireUser, type SessionUser } from "#app/modules/auth/session.server";
import { getGroupActivity, getGroupOverview, markVisited } from "#app/modules/groups/activity.server";
import { requireGroupAccess, type GroupAccess } from "#app/modules/groups/group-access.server";
import { DecideSchema } from "#app/modules/groups/group-schemas";
import { countMembers, decideRequest, getPendingRequests, joinPublicGroup, leaveGroup } from "#app/modules/groups/membership/membership.server";
import { forbidden, notFound } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";

const SINCE_PARAM = "seit";

/**
 * Whether this GET is the page again right after one of its own forms: its Referer is this very page
 * (the form was sent from here; the browser's GET after the redirect and Remix's revalidation fetch
 * both carry it, while a link from elsewhere, a bookmark or a typed address do not). The action
 * passes on when the news shown began (`?seit=`). Null for a plain page view.
 */
function afterActionHere(request: Request): { since: Date | null } | null {
  const url = new URL(request.url);
  let from: string | null = null;
  try {
    from = new URL(request.headers.get("Referer") ?? "").pathname;
  } catch {
    return null;
  }
  if (from !== url.pathname) return null;
  return { since: sinceValue(url.searchParams.get(SINCE_PARAM)) };
}

/** A moment the page sent back (an ISO instant, not in the future), or null. */
function sinceValue(value: FormDataEntryValue | null): Date | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getTime() > Date.now() ? null : date;
}

/** The group page after one of its forms, still with the news the form was sent from (see afterActionHere). */
function groupPageAfterForm(slug: string, formData: FormData): string {
  const since = sinceValue(formData.get("since"));
  return `/arbeitsgruppen/${slug}${since ? `?${SINCE_PARAM}=${encodeURIComponent(since.toISOString())}` : ""}`;
}

/** What the group page shows this person: the group, its overview, the join requests for its coordinators and a member's news. */
async function loadGroupPage(request: Request, user: SessionUser | null, { group, role, coordinates }: GroupAccess) {
  // A member's visit is recorded now; what they see is what changed before it. The page again right
  // after one of its forms is no new visit: it keeps showing the news of the visit it belongs to.
  const reload = afterActionHere(request);
  const previousVisit = user && role ? (reload ? (reload.since ?? (await markVisited(group.id, user.id, { record: false }))) : await markVisited(group.id, user.id)) : undefined;
  const [memberCount, overview, requests, activity] = await Promise.all([
    countMembers(group.id),
    getGroupOverview(group.id),
    coordinates ? getPendingRequests(group.id) : Promise.resolve([]),
    previousVisit && user ? getGroupActivity(group.id, previousVisit, user.id) : null,
  ]);
  const news = previousVisit === undefined ? null : previousVisit === null ? { firstVisit: true as const } : { firstVisit: false as const, since: previousVisit, ...activity! };
  const { id: _id, ...shown } = group;
  return { group: shown, role, signedIn: Boolean(user), coordinates, memberCount, overview, requests, news };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const access = await requireGroupAccess(params.slug, user);
  return json(await loadGroupPage(request, user, access));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { group, coordinates } = await requireGroupAccess(params.slug, user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = groupPageAfterForm(group.slug, formData);
  if (intent === "join") {
    // Private groups are joined through a request or an invitation, never with a click.
    if (group.visibility !== "public") throw forbidden();
    await joinPublicGroup(group.id, user.id);
    return redirectWithToast(here, "groupAdmin.toast.joined");
  }
  if (intent === "leave") {
    if ((await leaveGroup(group.id, user.id)) === "lastCoordinator") return json({ error: "groupAdmin.members.lastCoordinatorLeave" }, { status: 400 });
    return redirectWithToast(group.visibility === "private" ? "/arbeitsgruppen" : here, "groupAdmin.toast.left");
  }
  const decision = DecideSchema.safeParse(Object.fromEntries(formData));
  if (decision.success) {
    if (!coordinates) throw forbidden();
    const approve = decision.data.intent === "approve";
    if (!(await decideRequest(group.id, decision.data.requestId, approve, user.id))) throw notFound();
    return redirectWithToast(here, approve ? "groupAdmin.toast.approved" : "groupAdmin.toast.declined");
  }
  return json({ error: "groupAdmin.unknownIntent" }, { status: 400 });
}
