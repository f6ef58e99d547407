import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { requireEditablePartner } from "#app/modules/directory/permissions.server";
import { getEntriesToCheck, markChecked } from "#app/modules/directory/reminders/check.server";
import { CheckFormSchema } from "#app/modules/directory/reminders/check-schema";
import { checkPath } from "#app/modules/directory/reminders/reminder-mail.server";
import { isStale } from "#app/modules/directory/landscape.server";
import { badRequest, notFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

export const meta: MetaFunction = (args) => pageTitle(args, "dataCare.check.title");

// "Angaben prüfen": a partner's editors (and coordinators) confirm that its entries are still right.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partner } = await requireEditablePartner(request, params.slug);
  const services = await getEntriesToCheck(partner.id);
  return json({ partner: { slug: partner.slug, name: partner.name, lastVerifiedAt: partner.lastVerifiedAt, stale: isStale(partner.lastVerifiedAt) }, services });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, partner } = await requireEditablePartner(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: CheckFormSchema });
  if (submission.status !== "success") throw badRequest();
  const { entry } = submission.value;
  const done = await markChecked(partner.id, user.id, entry === "all" || entry === "partner" ? { kind: entry } : { kind: "service", serviceId: entry });
  if (!done) throw notFound();
  return redirectWithToast(checkPath(partner.slug), "dataCare.check.done");
}

function Checked({ date, stale }: { date: string | null; stale: boolean }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const text = date ? t("dataCare.check.checkedOn", { date: formatDate(lang, date) }) : t("dataCare.check.never");
  return stale ? <strong>{text}</strong> : <>{text}</>;
}

export default function CheckPage() {
  const { t } = useTranslation();
  const { partner, services } = useLoaderData<typeof loader>();
  const entries = [
    { value: "partner", name: t("dataCare.check.profile"), edit: `/verzeichnis/partner/${partner.slug}/bearbeiten`, date: partner.lastVerifiedAt, stale: partner.stale },
    ...services.map((service) => ({ value: service.id, name: service.name, edit: `/verzeichnis/angebote/${service.slug}/bearbeiten`, date: service.lastVerifiedAt, stale: service.stale })),
  ];
  return (
    <div className="page page--narrow">
      <h1>{t("dataCare.check.heading", { partner: partner.name })}</h1>
      <p>
        <Link to={`/verzeichnis/partner/${partner.slug}`}>{partner.name}</Link>
      </p>
      <p className="lead">{t("dataCare.check.intro")}</p>
      <Form method="post">
        <ul className="plain check-list">
          {entries.map((entry) => (
            <li key={entry.value}>
              <Link to={entry.edit}>{entry.name}</Link> – <Checked date={entry.date} stale={entry.stale} />{" "}
              <StatusButton name="entry" value={entry.value} className="button button--secondary">
                {t("dataCare.check.confirm")}
                <span className="visually-hidden">: {entry.name}</span>
              </StatusButton>
            </li>
          ))}
        </ul>
        <StatusButton name="entry" value="all">
          {t("dataCare.check.confirmAll")}
        </StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
