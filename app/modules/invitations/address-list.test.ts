import { parseAddressCsv } from "./address-csv.server";
import { parseAddressText, problemMessage, readProblemMessage } from "./address-list";
import { InviteSchema } from "./invitation-schemas";

describe("a pasted list of addresses", () => {
  test("reads one address a line, commas and semicolons, and names with angle brackets", () => {
    const list = parseAddressText('anna@example.org\nBernd Berg <bernd@example.org>; carla@example.org,  dora@example.org \n"Schmidt, Emil" <emil@example.org>\n\n   \nmailto:fritz@example.org');
    expect(list.problems).toEqual([]);
    expect(list.entries).toEqual([
      { email: "anna@example.org", line: 1, source: "text" },
      { email: "bernd@example.org", line: 2, source: "text" },
      { email: "carla@example.org", line: 2, source: "text" },
      { email: "dora@example.org", line: 2, source: "text" },
      { email: "emil@example.org", line: 3, source: "text" },
      { email: "fritz@example.org", line: 6, source: "text" },
    ]);
  });

  test("bad pieces are reported by their line as typed; duplicates fold into the first, whatever their case", () => {
    const list = parseAddressText("anna@example.org\nANNA@Example.org\nfoo@\nkein Name\r\nbernd@example.org, anna@example.org; @x.de");
    expect(list.entries.map((entry) => [entry.email, entry.line])).toEqual([
      ["anna@example.org", 1],
      ["bernd@example.org", 5],
    ]);
    expect(list.problems).toEqual([
      { line: 3, value: "foo@", source: "text", kind: "invalid" },
      { line: 4, value: "kein Name", source: "text", kind: "invalid" },
      { line: 5, value: "@x.de", source: "text", kind: "invalid" },
    ]);
  });

  test("a problem travels as a field error and back, whatever its value holds", () => {
    const message = problemMessage({ line: 3, value: "a|b@", source: "text", kind: "invalid" });
    expect(readProblemMessage(message)).toEqual({ key: "invitations.problems.text.invalid", line: 3, value: "a|b@" });
    expect(readProblemMessage("invitations.validation.tooMany|500")).toEqual({ key: "invitations.validation.tooMany", line: 500 });
    expect(readProblemMessage("invitations.validation.noAddresses")).toEqual({ key: "invitations.validation.noAddresses" });
  });

  test("the form's schema names every bad line, and refuses more than 500 addresses", () => {
    const bad = InviteSchema.safeParse({ addresses: "gut@example.org\nfoo@\n", locale: "de" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["addresses", "invitations.problems.text.invalid|2|foo@"]]);
    const many = Array.from({ length: 501 }, (_, index) => `person${index}@example.org`).join("\n");
    const tooMany = InviteSchema.safeParse({ addresses: many, locale: "de" });
    expect(tooMany.error?.issues.map((issue) => issue.message)).toEqual(["invitations.validation.tooMany|500"]);
    const fiveHundred = Array.from({ length: 500 }, (_, index) => `person${index}@example.org`).join("\n");
    expect(InviteSchema.safeParse({ addresses: `${fiveHundred}\nperson0@example.org`, locale: "de" }).success).toBe(true);
  });
});

describe("a CSV file of addresses", () => {
  test("takes the column headed E-Mail, in a semicolon file with a BOM, and counts lines as the file does", () => {
    const list = parseAddressCsv("\uFEFFName;E-Mail;Ort\nAnna;anna@example.org;Auenstadt\n\nBernd;bernd@@example;Lindach\nCarla;;Weidenfeld\nDora;ANNA@example.org;Lindach\n");
    expect("refused" in list).toBe(false);
    if ("refused" in list) return;
    expect(list.entries).toEqual([{ email: "anna@example.org", line: 2, source: "file" }]);
    expect(list.problems).toEqual([{ line: 4, value: "bernd@@example", source: "file", kind: "invalid" }]);
  });

  test("without such a header, the first column that holds addresses counts, and a header of another name is skipped", () => {
    const headed = parseAddressCsv("Name,Adresse\nAnna,anna@example.org\nBernd,Bernd <bernd@example.org>\n");
    expect("refused" in headed ? [] : headed.entries.map((entry) => [entry.email, entry.line])).toEqual([
      ["anna@example.org", 2],
      ["bernd@example.org", 3],
    ]);
    const bare = parseAddressCsv("anna@example.org\ncarla@example.org\n");
    expect("refused" in bare ? [] : bare.entries.map((entry) => entry.line)).toEqual([1, 2]);
  });

  test("addresses already in the pasted list fold; a file without addresses or that is no CSV is refused as a whole", () => {
    const list = parseAddressCsv("email\nanna@example.org\nbernd@example.org\n", new Set(["anna@example.org"]));
    expect("refused" in list ? [] : list.entries.map((entry) => entry.email)).toEqual(["bernd@example.org"]);
    expect(parseAddressCsv("Name;Ort\nAnna;Auenstadt\n")).toEqual({ refused: "noColumn" });
    expect(parseAddressCsv('email\n"anna@example.org\n')).toEqual({ refused: "unreadable" });
  });
});
