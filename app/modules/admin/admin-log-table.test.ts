import { getFixedT } from "#app/utils/i18n.server";
import { describeAdminLogEntry } from "./admin-log-table";

describe("an admin log entry in words", () => {
  test("a merge names both partners, since no account is involved", () => {
    const t = getFixedT("de");
    const text = describeAdminLogEntry(t, "de", { action: "partner_merged", before: { partner: "Caritas Birkenfelde" }, after: { partner: "Caritasverband Birkenfelde" } });
    expect(text).toBe("Netzwerkpartner „Caritas Birkenfelde“ in „Caritasverband Birkenfelde“ zusammengeführt");
  });
});
