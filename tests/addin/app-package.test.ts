import AdmZip from "adm-zip";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ES module without types
import { validateUnified } from "../../scripts/lib/manifest-convert.mjs";
import { repoRoot } from "./support/built-addin";

const script = (name: string) => join(repoRoot, "scripts", name);

/** Runs `npm run package` on an XML manifest into a fresh folder; returns the zip's files. */
function pack(xmlPath: string, zipName: string): Map<string, Buffer> {
  const out = mkdtempSync(join(tmpdir(), "app-package-"));
  execFileSync(process.execPath, [script("package-manifest.mjs"), xmlPath, "--out", out], { stdio: "pipe" });
  const zip = new AdmZip(join(out, zipName));
  return new Map(zip.getEntries().map((e) => [e.entryName, e.getData()]));
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe("npm run package", () => {
  it("zips manifest.json with a 192×192 colour and a 32×32 outline icon at the root, valid against the bundled schema", async () => {
    const files = pack(join(repoRoot, "manifest.xml"), "app-package.zip");

    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
    expect(await validateUnified(manifest)).toEqual([]);
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(pngSize(files.get("color.png")!)).toEqual([192, 192]);
    expect(pngSize(files.get("outline.png")!)).toEqual([32, 32]);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.short).not.toContain("TRUNCATED");
  });

  it("ships the icons committed in addin/assets, drawn by no script", () => {
    const files = pack(join(repoRoot, "manifest.xml"), "app-package.zip");

    expect(files.get("color.png")!.equals(readFileSync(join(repoRoot, "addin", "assets", "color-192.png")))).toBe(true);
    expect(files.get("outline.png")!.equals(readFileSync(join(repoRoot, "addin", "assets", "outline-32.png")))).toBe(true);
  });

  it("takes id, version, name, URLs and the send mode from the XML manifest, so the two cannot drift", () => {
    const dir = mkdtempSync(join(tmpdir(), "app-package-xml-"));
    const xmlPath = join(dir, "manifest-tls.contoso.example-Block.xml");
    execFileSync(process.execPath, [script("make-manifest.mjs"), "--base-url", "https://tls.contoso.example", "--send-mode", "Block", "--out", xmlPath], { stdio: "pipe" });
    const xml = readFileSync(xmlPath, "utf8");

    const text = pack(xmlPath, "app-package-tls.contoso.example-Block.zip").get("manifest.json")!.toString("utf8");
    const manifest = JSON.parse(text);

    expect(manifest.id).toBe(/<Id>([^<]+)<\/Id>/.exec(xml)![1]);
    expect(manifest.version).toBe(/<Version>(\d+\.\d+\.\d+)/.exec(xml)![1]);
    expect(manifest.name.short).toBe(/<DisplayName DefaultValue="([^"]+)"/.exec(xml)![1]);
    expect(text).not.toContain("localhost");
    expect(text).toContain("https://tls.contoso.example/addin/launchevent.js");
    const sending = manifest.extensions.flatMap((x: { autoRunEvents?: { events: { type: string; options?: { sendMode: string } }[] }[] }) => x.autoRunEvents ?? [])
      .flatMap((a: { events: unknown[] }) => a.events)
      .find((e: { type: string }) => e.type === "messageSending");
    expect(sending.options.sendMode).toBe("block");
  });

  it("the schema check it relies on rejects a manifest the admin centers would refuse", async () => {
    const files = pack(join(repoRoot, "manifest.xml"), "app-package.zip");
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));

    const errors = await validateUnified({ ...manifest, description: { ...manifest.description, short: "x".repeat(81) }, id: "not-a-guid" });

    expect(errors.join("\n")).toMatch(/short/);
    expect(errors.join("\n")).toMatch(/id/);
  });

  it("exits non-zero with the reason when the XML cannot be converted", () => {
    const dir = mkdtempSync(join(tmpdir(), "app-package-bad-"));
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [script("package-manifest.mjs"), join(dir, "missing.xml"), "--out", dir], { stdio: "pipe" });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = (e as { stderr: Buffer }).stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toContain("problem");
  });
});
