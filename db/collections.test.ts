import { describe, expect, test } from "vitest";
import { groupBy } from "./collections";

describe("groupBy", () => {
  const rows = [
    { id: "a", owner: "x", n: 1 },
    { id: "b", owner: "y", n: 2 },
    { id: "c", owner: "x", n: 3 },
    { id: "d", owner: null, n: 4 },
  ];

  test("keeps the order of the items in each list and leaves out items without a key", () => {
    const byOwner = groupBy(rows, (row) => row.owner);
    expect([...byOwner.keys()]).toEqual(["x", "y"]);
    expect(byOwner.get("x")?.map((row) => row.id)).toEqual(["a", "c"]);
    expect(byOwner.get("y")?.map((row) => row.id)).toEqual(["b"]);
  });

  test("holds what valueOf picks", () => {
    expect(
      groupBy(
        rows,
        (row) => row.owner,
        (row) => row.n,
      ),
    ).toEqual(
      new Map([
        ["x", [1, 3]],
        ["y", [2]],
      ]),
    );
  });

  test("no items, no lists", () => {
    expect(groupBy([], () => "x").size).toBe(0);
  });
});
