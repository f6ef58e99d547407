import type { DestinationStream } from "pino";
import { captureLogs, createLogger, escapeControlCharacters, log, logFormatFor, maskEmail, runWithRequestContext, scrubPath, scrubUrl, setRequestActor } from "./log.server";

/** Whether the text holds a raw control character (a line break between log lines aside). */
function hasRawControl(text: string, allowed = "\n"): boolean {
  return [...text].some((char) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 || (code >= 0x7f && code <= 0x9f)) && !allowed.includes(char);
  });
}

const HOSTILE_TITLE = "Treffen \u001b[31mrot\u001b[0m\u0007 \u009b2J";

function collector(): DestinationStream & { text: () => string } {
  const written: string[] = [];
  return { write: (line: string) => void written.push(line), text: () => written.join("") };
}

describe("control characters never reach a terminal raw", () => {
  test("a logged title with ESC sequences comes out escaped in the human-readable form, message and fields alike", () => {
    const out = collector();
    const logger = createLogger({ format: "pretty", level: "info", destination: out });
    logger.info({ title: HOSTILE_TITLE }, `topic ${HOSTILE_TITLE}`);
    const text = out.text();
    expect(hasRawControl(text)).toBe(false);
    expect(text).toContain("\\u001b[31mrot");
    expect(text).toContain("\\u009b2J");
    expect(text).toContain("topic Treffen");
  });

  test("an error's stack keeps its line breaks but loses its escape codes", () => {
    const out = collector();
    createLogger({ format: "pretty", level: "info", destination: out }).error({ err: new Error(`bad \u001b]0;title\u0007`) }, "failed");
    expect(hasRawControl(out.text())).toBe(false);
    expect(out.text()).toContain("\\u001b]0;title");
  });

  test("the JSON form escapes them too, C1 controls included, and reads back the same", () => {
    const out = collector();
    createLogger({ format: "json", level: "info", destination: out }).info({ title: HOSTILE_TITLE }, HOSTILE_TITLE);
    expect(hasRawControl(out.text())).toBe(false);
    expect((JSON.parse(out.text()) as { title: string }).title).toBe(HOSTILE_TITLE);
  });

  test("escapeControlCharacters leaves ordinary text and umlauts alone", () => {
    expect(escapeControlCharacters("Größe: 5 – ok")).toBe("Größe: 5 – ok");
    expect(escapeControlCharacters("a\nb\u202ec", "\n")).toBe("a\nb\\u202ec");
  });
});

describe("no secrets in logs", () => {
  test("known secret fields are redacted wherever they sit", () => {
    const out = collector();
    createLogger({ format: "json", level: "info", destination: out }).info(
      { password: "hunter2hunter2", form: { password: "p4ssw0rd!", token: "tok" }, link: "https://x/reset?token=abc", headers: { cookie: "auth_session=s" } },
      "x",
    );
    const text = out.text();
    for (const secret of ["hunter2hunter2", "p4ssw0rd!", 'tok"', "abc", "auth_session=s"]) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });

  test("a logged URL keeps its path and the query's keys, never the values", () => {
    expect(scrubUrl("/passwort-zuruecksetzen?token=Zm9vYmFyYmF6cXV4&x=1&x=2")).toBe("/passwort-zuruecksetzen?token&x");
    expect(scrubUrl("https://netzwerk.example/suche?q=kita")).toBe("/suche?q");
    const out = collector();
    createLogger({ format: "json", level: "info", destination: out }).info({ url: "/e-mail-bestaetigen?token=s3cr3tT0ken" }, "x");
    expect(out.text()).not.toContain("s3cr3tT0ken");
  });

  test("token segments of secret links are scrubbed from paths; slugs and ids stay", () => {
    expect(scrubPath("/einladung/AbCdEf123")).toBe("/einladung/:token");
    expect(scrubPath("/einrichten/xyz")).toBe("/einrichten/:token");
    expect(scrubPath("/kalender/privat/q1W2e3R4/kalender.ics")).toBe("/kalender/privat/:token/kalender.ics");
    expect(scrubPath("/irgendwo/Qm9vZ2llV29vZ2llMTIzNDU2Nzg")).toBe("/irgendwo/:token");
    expect(scrubPath("/verzeichnis/partner/jobcenter-kreis-2024")).toBe("/verzeichnis/partner/jobcenter-kreis-2024");
    expect(scrubPath("/open-mic/0f8e3c9a-1b2c-4d5e-8f90-123456789abc")).toBe("/open-mic/0f8e3c9a-1b2c-4d5e-8f90-123456789abc");
  });

  test("a typed address is masked, with a hash that ties attempts together", () => {
    const masked = maskEmail(" Anna.Beispiel@Example.org ");
    expect(masked.email).toBe("a***@example.org");
    expect(masked.emailHash).toBe(maskEmail("anna.beispiel@example.org").emailHash);
    expect(JSON.stringify(masked)).not.toContain("beispiel@");
  });
});

describe("the request context", () => {
  test("lines logged inside a request carry its id, the address and the actor the auth code set", () => {
    const capture = captureLogs();
    try {
      runWithRequestContext({ requestId: "req-1", clientAddress: "203.0.113.7" }, () => {
        log.info("before");
        setRequestActor("user-42");
        log.info("after");
      });
      log.info("outside");
    } finally {
      capture.stop();
    }
    const [before, after, outside] = capture.lines();
    expect(before).toMatchObject({ reqId: "req-1", addr: "203.0.113.7", msg: "before" });
    expect(before?.userId).toBeUndefined();
    expect(after).toMatchObject({ reqId: "req-1", addr: "203.0.113.7", userId: "user-42" });
    expect(outside?.reqId).toBeUndefined();
  });
});

describe("the log's format", () => {
  test("JSON in production and under a service manager, human-readable in development and for `npm start` typed at a terminal", () => {
    expect(logFormatFor({ NODE_ENV: "production" }, true)).toBe("json");
    expect(logFormatFor({ NODE_ENV: "production", START_NODE_ENV: "production" }, true)).toBe("json");
    expect(logFormatFor({ NODE_ENV: "production", START_NODE_ENV: "" }, false)).toBe("json");
    expect(logFormatFor({ NODE_ENV: "production", START_NODE_ENV: "" }, true)).toBe("pretty");
    expect(logFormatFor({ NODE_ENV: "development" }, false)).toBe("pretty");
    expect(logFormatFor({ NODE_ENV: "production", START_NODE_ENV: "", LOG_FORMAT: "json" }, true)).toBe("json");
    expect(logFormatFor({ NODE_ENV: "production", LOG_FORMAT: "pretty" }, false)).toBe("pretty");
  });
});
