import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusBadge } from "#app/modules/admin/status-badge";
import styles from "#app/styles/admin.css";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import type { action, loader, PersonFormAnswer } from "./data.server";
import { PersonHistory } from "./person-history";
import { ReasonForm, resultFor, RoleForm, Section } from "./person-forms";
import { PersonDeletion } from "./person-deletion";
import { PersonSessions } from "./person-sessions";

export { action, loader } from "./data.server";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "admin.people.title", ...(args.data ? [args.data.person.displayName] : []));

export default function PersonPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { person, organisations, groups, sessions, history, viewer } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as PersonFormAnswer;
  const self = person.id === viewer.id;
  // Every change writes a log row: a new newest entry starts the forms afresh (an empty reason), also with JavaScript.
  const formKey = history[0]?.id ?? "none";
  return (
    <div className="page">
      <p>
        <Link to="/verwaltung/personen">{t("admin.person.back")}</Link>
      </p>
      <h1>
        {person.displayName}
        {self ? ` (${t("admin.person.you")})` : ""}
      </h1>
      <section aria-labelledby="facts-heading" className="admin-section">
        <h2 id="facts-heading" className="visually-hidden">
          {t("admin.person.facts")}
        </h2>
        <dl className="admin-facts">
          <dt>{t("admin.people.email")}</dt>
          <dd>
            {person.email} ({person.emailVerifiedAt ? t("admin.person.confirmed") : t("admin.person.notConfirmed")})
          </dd>
          <dt>{t("admin.person.handle")}</dt>
          <dd>@{person.handle}</dd>
          <dt>{t("admin.people.role")}</dt>
          <dd>{t(`admin.roles.${person.role}`)}</dd>
          <dt>{t("admin.people.status")}</dt>
          <dd>
            <StatusBadge person={person} />
            {person.blockedAt ? ` ${t("admin.person.blockedSince", { date: formatDate(lang, person.blockedAt, { dateStyle: "medium", timeStyle: "short" }) })}` : null}
          </dd>
          <dt>{t("admin.person.createdAt")}</dt>
          <dd>{formatDate(lang, person.createdAt)}</dd>
          <dt>{t("admin.people.lastSignIn")}</dt>
          <dd>{person.lastSignInAt ? formatDate(lang, person.lastSignInAt, { dateStyle: "medium", timeStyle: "short" }) : t("admin.people.never")}</dd>
        </dl>
      </section>

      <Section id="role" title={t("admin.person.role.title")}>
        {viewer.changesRoles ? <RoleForm key={formKey} role={person.role} lastResult={resultFor(answer, "role")} /> : <p>{t("admin.person.role.readOnly")}</p>}
      </Section>

      {viewer.manages ? (
        <>
          <Section id="block" title={t("admin.person.block.title")}>
            {person.blockedAt ? (
              <>
                <p>{t("admin.person.block.blockedIntro")}</p>
                <ReasonForm
                  key={formKey}
                  intent="unblock"
                  lastResult={resultFor(answer, "unblock")}
                  reasonLabel={t("admin.person.reason")}
                  reasonHint={t("admin.person.reasonHint")}
                  submitLabel={t("admin.person.block.unblock")}
                  secondary={false}
                />
              </>
            ) : (
              <>
                <p>{t("admin.person.block.intro")}</p>
                <ReasonForm
                  key={formKey}
                  intent="block"
                  lastResult={resultFor(answer, "block")}
                  reasonLabel={t("admin.person.block.reason")}
                  reasonHint={t("admin.person.block.reasonHint")}
                  submitLabel={t("admin.person.block.submit")}
                  secondary={false}
                />
              </>
            )}
          </Section>

          <Section id="reset" title={t("admin.person.reset.title")}>
            {person.blockedAt ? (
              <p>{t("admin.person.reset.blocked")}</p>
            ) : (
              <>
                <p>{t("admin.person.reset.intro")}</p>
                <ReasonForm
                  key={formKey}
                  intent="reset"
                  lastResult={resultFor(answer, "reset")}
                  reasonLabel={t("admin.person.reason")}
                  reasonHint={t("admin.person.reasonHint")}
                  submitLabel={t("admin.person.reset.submit")}
                />
              </>
            )}
          </Section>

          <Section id="two-factor" title={t("admin.person.twoFactor.title")}>
            {person.twoFactorEnabledAt ? (
              <>
                <p>{t("admin.person.twoFactor.intro")}</p>
                <ReasonForm
                  key={formKey}
                  intent="twoFactor"
                  lastResult={resultFor(answer, "twoFactor")}
                  reasonLabel={t("admin.person.reason")}
                  reasonHint={t("admin.person.reasonHint")}
                  submitLabel={t("admin.person.twoFactor.submit")}
                />
              </>
            ) : (
              <p>{t("admin.person.twoFactor.off")}</p>
            )}
          </Section>

          <Section id="sessions" title={t("admin.person.sessions.title")}>
            <PersonSessions key={formKey} sessions={sessions} lastResult={resultFor(answer, "sessions")} />
          </Section>
        </>
      ) : null}

      <Section id="organisations" title={t("admin.person.organisations.title")}>
        {organisations.length === 0 ? (
          <p>{t("admin.person.organisations.none")}</p>
        ) : (
          <ul>
            {organisations.map((organisation) => (
              <li key={organisation.slug}>
                <Link to={`/verzeichnis/partner/${organisation.slug}`}>{organisation.name}</Link>
                {organisation.function ? ` – ${organisation.function}` : null}
                {organisation.role ? ` – ${t(`admin.person.organisations.${organisation.role}`)}` : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="groups" title={t("admin.person.groups.title")}>
        {groups.length === 0 ? (
          <p>{t("admin.person.groups.none")}</p>
        ) : (
          <ul>
            {groups.map((group) => (
              <li key={group.slug}>
                <Link to={`/arbeitsgruppen/${group.slug}`}>{group.name}</Link> – {t(`admin.person.groups.${group.role}`)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {viewer.manages ? (
        <Section id="history" title={t("admin.person.history.title")}>
          <PersonHistory entries={history} />
        </Section>
      ) : null}

      <Section id="deletion" title={t("admin.person.deletion.title")}>
        <PersonDeletion key={formKey} self={self} manages={viewer.manages} lastResult={resultFor(answer, "delete")} />
      </Section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
