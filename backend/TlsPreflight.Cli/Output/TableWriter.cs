using System.Globalization;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Words;

namespace TlsPreflight.Cli.Output;

/// <summary>The human-readable report: per domain its level, findings in plain words, one row per MX address, policies.</summary>
internal static class TableWriter
{
    private static readonly EngineWords Words = EngineWords.Create();
    private static readonly string[] Header = ["MX", "PREF", "ADDRESS", "STARTTLS", "TLS", "CERTIFICATE", "DANE", "MTA-STS", "LEVEL", "TIME"];

    public static void Write(TextWriter output, IEnumerable<DomainAssessment> assessments)
    {
        var first = true;
        foreach (var assessment in assessments)
        {
            if (!first)
            {
                output.WriteLine();
            }

            first = false;
            WriteDomain(output, assessment);
        }
    }

    private static void WriteDomain(TextWriter output, DomainAssessment a)
    {
        output.WriteLine($"{a.Domain}: {LevelText.Name(a.Level)}   ({a.ElapsedMs.ToString(CultureInfo.InvariantCulture)} ms, checked {a.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)");
        output.WriteLine($"  {Words.LevelMeaning(a.Level)}");

        if (a.MxHosts.Count > 0)
        {
            output.WriteLine();
            WriteRows(output, [Header, .. a.MxHosts.SelectMany(HostRows)]);
        }

        if (a.Findings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Findings");
            foreach (var finding in a.Findings)
            {
                var where = finding.Host is null ? "" : $"{finding.Host}: ";
                output.WriteLine($"    - {where}{Words.Describe(finding)} [{finding.Code}]");
            }
        }

        output.WriteLine();
        output.WriteLine("  Policies");
        output.WriteLine($"    MTA-STS  {MtaSts(a.MtaSts)}");
        output.WriteLine($"    DANE     {Dane(a.Dane)}");
        output.WriteLine($"    TLS-RPT  {TlsRpt(a.TlsRpt)}");
    }

    private static IEnumerable<string[]> HostRows(MxHostReport host)
    {
        var dane = host.Dane.Outcome == TlsaOutcome.None ? "none" : $"{KebabCase.Name(host.Dane.Outcome)} ({KebabCase.Name(host.Dane.DnssecStatus)})";
        var sts = host.MtaStsMatch switch { true => "listed", false => "NOT listed", null => "-" };
        var name = host.Implicit ? $"{host.Host} (implicit)" : host.Host;
        var pref = host.Preference.ToString(CultureInfo.InvariantCulture);
        var level = LevelText.Name(host.Level);
        if (host.Probes.Count == 0)
        {
            yield return [name, pref, "(no address)", "-", "-", "-", dane, sts, level, "-"];
            yield break;
        }

        foreach (var probe in host.Probes)
        {
            yield return [name, pref, probe.Address, StartTls(probe), probe.Tls?.Protocol ?? "-", Certificate(probe.Tls), dane, sts, level,
                $"{probe.Timings.TotalMs.ToString(CultureInfo.InvariantCulture)} ms"];
            name = "";
            pref = "";
        }
    }

    private static string StartTls(SmtpProbeResult probe) => probe.Outcome switch
    {
        ProbeOutcome.Completed => probe.StartTlsOffered ? "yes" : "no",
        ProbeOutcome.HandshakeFailed => "handshake failed",
        ProbeOutcome.SkippedPrivateAddress => "not dialled (private)",
        ProbeOutcome.SkippedUnroutable => "not dialled (unroutable)",
        ProbeOutcome.RateLimited => $"rate-limited ({probe.LastReplyCode?.ToString(CultureInfo.InvariantCulture) ?? "4xx"})",
        ProbeOutcome.Rejected => $"rejected ({probe.LastReplyCode?.ToString(CultureInfo.InvariantCulture) ?? "5xx"})",
        ProbeOutcome.Timeout => $"timeout ({(probe.Step is { } step ? KebabCase.Name(step) : "?")})",
        ProbeOutcome.Refused => "refused",
        _ => "protocol error",
    };

    private static string Certificate(TlsSessionReport? tls)
    {
        if (tls is null)
        {
            return "-";
        }

        var c = tls.Certificate;
        var problems = new List<string>();
        if (!c.Trusted)
        {
            problems.Add("untrusted");
        }

        if (!c.NameMatches)
        {
            problems.Add("wrong name");
        }

        if (c.Expired)
        {
            problems.Add("expired");
        }

        var until = c.NotAfter.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return problems.Count == 0 ? $"valid to {until}" : string.Join(", ", problems);
    }

    private static string MtaSts(MtaStsReport s) => s.Status switch
    {
        MtaStsStatus.None => "none",
        MtaStsStatus.Valid => $"valid, mode {(s.Mode is { } mode ? KebabCase.Name(mode) : "")}, max_age {s.MaxAgeSeconds?.ToString(CultureInfo.InvariantCulture)}, mx {string.Join(" ", s.MxPatterns)}{(s.FromCache ? " (cached)" : "")}",
        _ => $"{KebabCase.Name(s.Status)}{(s.Error is null ? "" : $": {s.Error}")}",
    };

    private static string Dane(DaneReport d) => d.Detail is null ? KebabCase.Name(d.Status) : $"{KebabCase.Name(d.Status)}: {d.Detail}";

    private static string TlsRpt(TlsRptReport r) => r.Status switch
    {
        TlsRptStatus.Valid => $"valid, reports to {string.Join(", ", r.Rua)}",
        TlsRptStatus.Invalid => $"invalid: {r.Error}",
        _ => "none",
    };

    /// <summary>Left-aligned columns, two spaces apart, indented by two.</summary>
    private static void WriteRows(TextWriter output, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(("  " + string.Join("  ", cells)).TrimEnd());
        }
    }
}
