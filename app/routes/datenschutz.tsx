import { json, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrivacyNotice } from "#app/modules/privacy/privacy-notice";
import { retentionPeriods } from "#app/modules/privacy/retention.server";
import { getEnv } from "#app/utils/env.server";
import { pageTitle } from "#app/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "privacy.notice.title");

/** The periods come from the same constants the daily clean-up enforces; the mail provider is named only when one is configured. */
export function loader() {
  return json({ periods: retentionPeriods(), mailProvider: Boolean(getEnv().SMTP_URL) });
}

export default function PrivacyPage() {
  const { periods, mailProvider } = useLoaderData<typeof loader>();
  return <PrivacyNotice periods={periods} mailProvider={mailProvider} />;
}
