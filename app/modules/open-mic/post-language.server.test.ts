import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicReplies, topics } from "#db/schema";
import { topicsIndex } from "#search/indexes/topics";
import { languageCookie } from "#app/utils/i18n.server";
import { syncDocument } from "#search/sync";
import { DETECT_LANGUAGE, postLanguageProps } from "./post-language";
import { detectLanguage, postLanguage } from "./post-language.server";
import { searchTopicIds } from "./topic-search.server";
import { act, actionData, guestFields, list, raise, seedTopic, setUpTopicWorld, topicIdFrom, topicPage, topicsTitled, type Person } from "./topic-fixtures.server";

let member: Person;

beforeAll(async () => {
  ({ member } = await setUpTopicWorld());
});

describe("detecting the language of a post", () => {
  const sentences: [string, string][] = [
    ["de", "Der Bus nach Weidenfeld fährt am Wochenende nur alle zwei Stunden."],
    ["en", "The bus to Weidenfeld only runs every two hours at the weekend."],
    ["uk", "Автобус до Вайденфельда у вихідні ходить лише раз на дві години."],
    ["ru", "Автобус до Вайденфельда в выходные ходит только раз в два часа."],
    ["bg", "Автобусът до Вайденфелд през уикенда минава само на всеки два часа."],
    ["ar", "الحافلة إلى فايدنفيلد لا تمر في عطلة نهاية الأسبوع إلا كل ساعتين."],
    ["fa", "اتوبوس وایدنفلد در آخر هفته فقط هر دو ساعت یک بار می‌آید."],
    ["tr", "Weidenfeld otobüsü hafta sonları sadece iki saatte bir geliyor."],
    ["ro", "Autobuzul spre Weidenfeld circulă în weekend doar o dată la două ore."],
    ["pl", "Autobus do Weidenfeld jeździ w weekendy tylko co dwie godziny."],
  ];

  test.each(sentences)("a sentence in %s is detected as such, from a German page too", async (language, text) => {
    expect(await detectLanguage(text, "de")).toBe(language);
    expect(await postLanguage(null, text, "de")).toBe(language);
  });

  test("a short text says too little: it takes the language of the page it was written on", async () => {
    expect(await detectLanguage("Дякую!", "uk")).toBeNull();
    expect(await postLanguage(null, "Дякую!", "uk")).toBe("uk");
    expect(await postLanguage(null, "Danke!", "en")).toBe("en");
    expect(await postLanguage(null, "👍 !!", "ar")).toBe("ar");
  });

  test("where the page's language scores nearly as well as another, the page's language wins", async () => {
    // Russian and Bulgarian share letters and many words: this sentence scores nearly as well in both.
    const text = "Спасибо, очень нужная информация для всех нас";
    expect(await postLanguage(null, text, "de")).toBe("ru");
    expect(await postLanguage(null, text, "ru")).toBe("ru");
    expect(await postLanguage(null, text, "bg")).toBe("bg");
  });

  test("the author's choice wins; a language that is not ours is no choice, nor is a page language that is not ours", async () => {
    expect(await postLanguage("ar", "Der Bus nach Weidenfeld fährt am Wochenende nur alle zwei Stunden.", "de")).toBe("ar");
    expect(await postLanguage("xx", "The bus to Weidenfeld only runs every two hours at the weekend.", "de")).toBe("en");
    expect(await postLanguage(null, "Ok.", "xx")).toBe("de");
  });

  test("the text is marked with its language only where it differs from the page's", () => {
    expect(postLanguageProps("ar", "de")).toEqual({ lang: "ar", dir: "auto" });
    expect(postLanguageProps("de", "de")).toEqual({});
    expect(postLanguageProps(null, "de")).toEqual({});
  });
});

describe("posts store their language", () => {
  test("a topic from the form: detected from its text, or as chosen; a guest's also keeps the page's language for their mails", async () => {
    const arabic = "الحافلة لا تأتي في المساء";
    const raised = await raise(
      { title: arabic, body: "بعد الساعة السابعة مساءً لا توجد حافلة إلى القرية، ولا نستطيع العودة من دورة اللغة.", category: "sprache", startedAt: guestFields().startedAt! },
      { cookie: member.cookie },
    );
    expect(raised.status).toBe(303);
    expect((await topicsTitled(arabic))[0]).toMatchObject({ language: "ar", guestLanguage: null });

    const chosen = "Kurze Frage zum Sprachkurs";
    await raise({ title: chosen, body: "Gibt es eine Warteliste?", category: "sprache", language: "uk", startedAt: guestFields().startedAt! }, { cookie: member.cookie });
    expect((await topicsTitled(chosen))[0]).toMatchObject({ language: "uk" });

    const guestTitle = "Де можна вивчати німецьку ввечері?";
    const ukrainianPage = (await languageCookie.serialize("uk")).split(";")[0]!;
    const guest = await raise(guestFields({ title: guestTitle, body: "Я працюю вдень і можу ходити на курси тільки ввечері. Чи є такі курси в Ліндаху?", language: DETECT_LANGUAGE }), {
      cookie: ukrainianPage,
    });
    expect(guest.status).toBe(303);
    expect((await topicsTitled(guestTitle))[0]).toMatchObject({ language: "uk", guestLanguage: "uk" });
  });

  test("a language that is not ours comes back as an error at the field, with what was typed, and nothing is stored", async () => {
    const title = "Ein Anliegen mit falscher Sprache";
    const response = await raise({ title, body: "Der Text bleibt stehen.", category: "sprache", language: "xx", startedAt: guestFields().startedAt! }, { cookie: member.cookie });
    expect(response.status).toBe(400);
    const data = await actionData(response);
    expect(data.result.error?.language).toEqual(["postLanguages.validation.unknown"]);
    expect(data.result.initialValue).toMatchObject({ title, body: "Der Text bleibt stehen." });
    expect(await topicsTitled(title)).toHaveLength(0);
  });

  test("a reply is detected as well; a correction may change the language of a topic and of a reply", async () => {
    const raised = await raise(
      { title: "Busverbindung am Abend fehlt", body: "Nach 19 Uhr fährt kein Bus mehr ins Dorf.", category: "sprache", startedAt: guestFields().startedAt! },
      { cookie: member.cookie },
    );
    const id = topicIdFrom(raised);
    expect((await topicsTitled("Busverbindung am Abend fehlt"))[0]!.language).toBe("de");

    const replied = await act(id, { intent: "reply", body: "The same happens in Lindach: after seven there is no bus at all.", postAs: "name" }, member.cookie);
    expect(replied.status).toBe(303);
    const [reply] = await db.select().from(topicReplies).where(eq(topicReplies.topicId, id));
    expect(reply!.language).toBe("en");

    const unknown = await act(id, { intent: "reply", body: "Noch eine Antwort", language: "klingonisch" }, member.cookie);
    expect(unknown.status).toBe(400);
    expect((await actionData(unknown)).result.error?.language).toEqual(["postLanguages.validation.unknown"]);

    // Only the language named anew: the text is not marked as edited.
    expect((await act(id, { intent: "edit-reply", replyId: reply!.id, body: reply!.body, language: "de" }, member.cookie)).status).toBe(303);
    expect((await db.select().from(topicReplies).where(eq(topicReplies.id, reply!.id)))[0]).toMatchObject({ language: "de", editedAt: null });

    expect(
      (await act(id, { intent: "edit-topic", title: "Bus in the evening", body: "After seven in the evening there is no bus to the village any more.", language: DETECT_LANGUAGE }, member.cookie))
        .status,
    ).toBe(303);
    expect((await db.select().from(topics).where(eq(topics.id, id)))[0]!.language).toBe("en");
    // A short correction says too little: the language it had stays.
    expect((await act(id, { intent: "edit-topic", title: "Bus at night", body: "No bus.", language: DETECT_LANGUAGE }, member.cookie)).status).toBe(303);
    expect((await db.select().from(topics).where(eq(topics.id, id)))[0]!.language).toBe("en");
  });

  test("the topic's page sends the languages of the topic and its replies", async () => {
    const id = await seedTopic({ title: "رسائل المدرسة", body: "نحتاج إلى رسائل المدرسة بالعربية.", language: "ar" });
    await db.insert(topicReplies).values({ topicId: id, authorId: member.id, body: "Gute Idee.", language: "de" });
    const page = await (await topicPage(id)).json();
    expect(page.topic.language).toBe("ar");
    expect(page.replies.map((reply: { language: string }) => reply.language)).toEqual(["de"]);
  });
});

describe("the list filtered by language", () => {
  let arabic: number;
  let german: number;
  const MARKER = "Mirabellenfest";

  beforeAll(async () => {
    arabic = await seedTopic({ title: `${MARKER} بالعربية`, body: "نص عربي", language: "ar" });
    german = await seedTopic({ title: `${MARKER} auf Deutsch`, body: "Deutscher Text", language: "de" });
    for (const id of [arabic, german]) await syncDocument(db, "topics", String(id));
  }, 60_000);

  test("?sprache=ar lists the topics written in Arabic only, and keeps the filter", async () => {
    const response = await list("?sprache=ar");
    expect(response.status).toBe(200);
    const data = (await response.json()) as { filters: { language: string | null }; topics: { id: number; language: string }[] };
    expect(data.filters.language).toBe("ar");
    expect(data.topics.map((topic) => topic.id)).toContain(arabic);
    expect(data.topics.every((topic) => topic.language === "ar")).toBe(true);
  });

  test("an unknown language, or anything else, is no filter and no error", async () => {
    for (const query of ["?sprache=xx", "?sprache=", "?sprache=%3Cscript%3E", "?sprache=de'%20or%201=1", `?sprache=${"a".repeat(500)}`]) {
      const response = await list(query);
      expect(response.status, query).toBe(200);
      const data = (await response.json()) as { filters: { language: string | null }; topics: { id: number }[] };
      expect(data.filters.language, query).toBeNull();
      expect(
        data.topics.map((topic) => topic.id),
        query,
      ).toEqual(expect.arrayContaining([arabic, german]));
    }
  });

  test("with a search, the index filters by language too", async () => {
    const documents = await topicsIndex.load(db, [String(arabic)]);
    expect(documents[0]).toMatchObject({ language: "ar" });
    expect((await searchTopicIds(MARKER, 10))?.sort()).toEqual([arabic, german].sort());
    expect(await searchTopicIds(MARKER, 10, { language: "ar" })).toEqual([arabic]);
    const data = (await (await list(`?q=${MARKER}&sprache=de`)).json()) as { topics: { id: number }[] };
    expect(data.topics.map((topic) => topic.id)).toEqual([german]);
  });
});
