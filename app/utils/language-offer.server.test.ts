import { languageCookie } from "./i18n.server";
import { getLanguageOffer, languageChoices } from "./language-offer.server";

const request = async (acceptLanguage: string | null, chosen?: string) => {
  const headers = new Headers();
  if (acceptLanguage) headers.set("Accept-Language", acceptLanguage);
  if (chosen) headers.set("Cookie", (await languageCookie.serialize(chosen)).split(";")[0]!);
  return new Request("http://localhost:3000/verzeichnis", { headers });
};

describe("the offer of a first visit", () => {
  test("a browser that prefers Ukrainian is offered Ukrainian, in Ukrainian", async () => {
    const { offer, varies } = await getLanguageOffer(await request("uk-UA,uk;q=0.9,de;q=0.8,en;q=0.7"));
    expect(offer).toEqual({
      code: "uk",
      name: "Українська",
      dir: "ltr",
      text: "Ця сторінка доступна українською мовою.",
      accept: "Показати українською",
      decline: "Залишити німецькою",
    });
    expect(varies).toBe(true);
  });

  test("Arabic comes with its direction", async () => {
    const { offer } = await getLanguageOffer(await request("ar"));
    expect(offer).toMatchObject({ code: "ar", dir: "rtl", text: "هذه الصفحة متوفرة باللغة العربية." });
  });

  test("a German browser, a browser that wants none of ours and no header get no offer, and the page still varies", async () => {
    for (const header of ["de-DE,de;q=0.9,en;q=0.5", "fr-FR,it;q=0.5", null]) {
      expect(await getLanguageOffer(await request(header))).toEqual({ offer: null, varies: true });
    }
  });

  test("once a language is chosen — German too — nothing is offered and the page does not vary by the header", async () => {
    expect(await getLanguageOffer(await request("uk", "de"))).toEqual({ offer: null, varies: false });
    expect(await getLanguageOffer(await request("ar", "en"))).toEqual({ offer: null, varies: false });
  });
});

test("every language is named in itself, with its direction, German first", () => {
  const choices = languageChoices();
  expect(choices[0]).toEqual({ code: "de", name: "Deutsch", dir: "ltr" });
  expect(choices.map((choice) => choice.code).sort()).toEqual(["ar", "bg", "de", "en", "fa", "pl", "ro", "ru", "tr", "uk"]);
  expect(choices.find((choice) => choice.code === "fa")).toEqual({ code: "fa", name: "فارسی", dir: "rtl" });
});
