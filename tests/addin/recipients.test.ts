import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { domainOfAddress, recipientSet } from "../../addin/src/shared/recipients";

// The table the API's RecipientListTests read too (tests/cases/README.md).
interface RecipientCase {
  recipient: string;
  domain: string | null;
  why: string;
  idn?: boolean;
}
const table = JSON.parse(readFileSync(new URL("../cases/recipients.json", import.meta.url), "utf8")) as { cases: RecipientCase[] };

describe("recipients", () => {
  it.each([
    ["alice@Partner.COM", "partner.com"],
    ["bob@mail.college.edu.", "mail.college.edu"],
    ['"odd@name"@example.org', "example.org"],
    ["carol@bücher.example", "bücher.example"],
  ])("finds the domain of %s", (address, domain) => {
    expect(domainOfAddress(address)).toBe(domain);
  });

  it.each(["/o=ExchangeLabs/cn=Recipients/cn=abc", "nobody", "x@", "x@a..b", "x@exa mple.com"])(
    "finds no checkable domain in %s",
    (address) => {
      expect(domainOfAddress(address)).toBeNull();
    },
  );

  it.each(table.cases.filter((c) => !c.idn).map((c) => [c.why, c] as const))(
    "judges an address as the service does: %s",
    (_why, c) => {
      expect(domainOfAddress(c.recipient)).toBe(c.domain);
    },
  );

  it.each(table.cases.filter((c) => c.idn).map((c) => [c.why, c] as const))(
    "sends an internationalised address the service accepts: %s",
    (_why, c) => {
      expect(domainOfAddress(c.recipient)).not.toBeNull();
    },
  );

  it("keeps each address and domain once, domains sorted", () => {
    const set = recipientSet([
      { emailAddress: "B@two.example" },
      { emailAddress: "a@one.example" },
      { emailAddress: "b@two.example" },
      { emailAddress: null },
    ]);
    expect(set).toEqual({ addresses: ["b@two.example", "a@one.example"], domains: ["one.example", "two.example"] });
  });
});
