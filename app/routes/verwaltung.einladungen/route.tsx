import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import styles from "#app/styles/admin.css";
import { pageTitle } from "#app/utils/meta";
import type { action, InvitationsAnswer, InvitationsForm, loader } from "./data.server";
import { InvitationList } from "./invitation-list";
import { InviteForm } from "./invite-form";
import { SettingsForm } from "./settings-form";

export { action, loader } from "./data.server";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "invitations.title");

export default function InvitationsPage() {
  const { t } = useTranslation();
  const { filters, invitations, total, page, pages, options, settings, formKey, defaultLocale, viewer } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as InvitationsAnswer;
  const resultFor = (form: InvitationsForm) => (answer?.form === form ? answer.result : undefined);
  return (
    <div className="page">
      <p>
        <Link to="/verwaltung">{t("invitations.adminIndex.title")}</Link>
      </p>
      <h1>{t("invitations.title")}</h1>
      <p>{t("invitations.intro")}</p>

      <section aria-labelledby="invite-heading" className="admin-section">
        <h2 id="invite-heading">{t("invitations.form.title")}</h2>
        <InviteForm key={formKey} lastResult={resultFor("invite")} presetRoles={viewer.presetRoles} partners={options.partners} groups={options.groups} defaultLocale={defaultLocale} />
      </section>

      <section aria-labelledby="settings-heading" className="admin-section">
        <h2 id="settings-heading">{t("invitations.settings.title")}</h2>
        <SettingsForm key={String(settings.invitationOnly)} invitationOnly={settings.invitationOnly} changes={viewer.changesSettings} lastResult={resultFor("settings")} />
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("invitations.list.title")}</h2>
        <InvitationList rows={invitations} filters={filters} total={total} page={page} pages={pages} presetRoles={viewer.presetRoles} rowResult={resultFor("row")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
