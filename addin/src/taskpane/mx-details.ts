// The expandable evidence per MX host: TLS version, certificate, DANE and MTA-STS.
import type { DomainDetail, MxHostDetail, SmtpProbeDetail } from "../shared/api-types";
import { fill, type OfflineWords } from "../shared/offline-text";
import { el } from "./dom";

export type DetailLoader = (domain: string) => Promise<DomainDetail>;

/** A <details> that loads the evidence the first time it is opened. */
export function mxDetails(domain: string, load: DetailLoader, words: OfflineWords): HTMLDetailsElement {
  const body = el("div", { class: "mx-body" }, el("p", { class: "muted" }, words.loading));
  const details = el("details", { class: "mx-details" }, el("summary", {}, words.serverDetails), body);
  let loaded = false;
  details.addEventListener("toggle", () => {
    if (!details.open || loaded) return;
    loaded = true;
    load(domain).then(
      (detail) => body.replaceChildren(...detailNodes(detail)),
      (e: unknown) => {
        loaded = false;
        body.replaceChildren(el("p", { class: "muted" }, fill(words.detailsUnavailable, { reason: e instanceof Error ? e.message : String(e) })));
      },
    );
  });
  return details;
}

export function detailNodes(d: DomainDetail): Node[] {
  const policy = el(
    "dl",
    {},
    el("dt", {}, "MTA-STS"),
    el("dd", {}, d.mtaSts.status === "valid" ? `policy in ${d.mtaSts.mode ?? "unknown"} mode` : d.mtaSts.status === "none" ? "not published" : `${d.mtaSts.status}${d.mtaSts.error ? `: ${d.mtaSts.error}` : ""}`),
    el("dt", {}, "DANE"),
    el("dd", {}, d.dane.status === "none" ? "not published" : d.dane.status),
    el("dt", {}, "TLS reports"),
    el("dd", {}, d.tlsRpt.status === "valid" ? `sent to ${d.tlsRpt.rua.join(", ")}` : d.tlsRpt.status === "none" ? "not requested" : d.tlsRpt.status),
  );
  const hosts = d.mxHosts.length > 0 ? d.mxHosts.map(mxHostNode) : [el("p", { class: "muted" }, "No mail servers.")];
  return [el("div", { class: "mx" }, el("strong", {}, "Domain policies"), policy), ...hosts];
}

function mxHostNode(mx: MxHostDetail): HTMLElement {
  const probe = mx.probes.find((p) => p.tls !== null) ?? mx.probes[0];
  return el(
    "div",
    { class: "mx" },
    el("strong", {}, `${mx.host}`),
    el("span", { class: "muted" }, ` — preference ${mx.preference}${mx.implicit ? ", implicit (no MX record)" : ""}, ${mx.level}`),
    el("dl", {}, ...(probe ? probeRows(probe) : [el("dt", {}, "Connection"), el("dd", {}, "not tried")]),
      el("dt", {}, "DANE"), el("dd", {}, mx.dane.outcome === "none" ? "no TLSA records" : `${mx.dane.outcome} (DNSSEC ${mx.dane.dnssecStatus})`),
      el("dt", {}, "MTA-STS"), el("dd", {}, mx.mtaStsMatch === null ? "no policy" : mx.mtaStsMatch ? "host listed in policy" : "host NOT listed in policy"),
    ),
  );
}

function probeRows(p: SmtpProbeDetail): HTMLElement[] {
  const rows = [el("dt", {}, "Address"), el("dd", {}, `${p.address} port ${p.port}`), el("dt", {}, "STARTTLS"), el("dd", {}, p.startTlsOffered ? "offered" : "not offered")];
  if (p.tls) {
    const c = p.tls.certificate;
    rows.push(
      el("dt", {}, "TLS"), el("dd", {}, `${p.tls.protocol}, ${p.tls.cipherSuite}`),
      el("dt", {}, "Certificate"), el("dd", {}, c.subject),
      el("dt", {}, "Issuer"), el("dd", {}, c.issuer),
      el("dt", {}, "Expires"), el("dd", {}, `${c.notAfter.slice(0, 10)}${c.expired ? " (expired)" : ""}`),
      el("dt", {}, "Trusted"), el("dd", {}, c.trusted ? "yes" : `no${c.trustError ? ` (${c.trustError})` : ""}`),
      el("dt", {}, "Name matches"), el("dd", {}, c.nameMatches ? "yes" : "no"),
    );
  } else if (p.outcome !== "completed") {
    rows.push(el("dt", {}, "Result"), el("dd", {}, `${p.outcome}${p.error ? `: ${p.error}` : ""}`));
  }
  return rows;
}
