using System.Globalization;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Api.Monitoring;

/// <summary>A remembered posture: its level, its evidence and when it was last seen.</summary>
public sealed record RememberedPosture(SecurityLevel Level, PostureEvidence Evidence, DateTimeOffset LastSeen);

/// <summary>Findings only memory can make (issue 13): a live check compared with the domain's remembered postures.
/// Pure: the caller loads the history.</summary>
public static class MemoryFindings
{
    /// <param name="history">The domain's postures last seen within the downgrade window.</param>
    /// <param name="watched">Whether the domain is watched (certificate-expiring is for watched MX hosts).</param>
    public static IReadOnlyList<Finding> For(DomainAssessment live, IReadOnlyList<RememberedPosture> history, bool watched, MonitoringOptions options, DateTimeOffset now)
    {
        var findings = new List<Finding>();
        var evidence = PostureEvidence.From(live);
        var since = now - options.DowngradeWindow;
        var sameServers = history.Where(h => h.LastSeen >= since && h.Evidence.SameMxSet(evidence)).ToList();

        // Offered STARTTLS before, none now (or the handshake fails, which also leaves plaintext), same MX set:
        // either the partner turned it off or an attacker on the path strips it. A domain that never had TLS has no such row.
        if (live.Level == SecurityLevel.Plaintext && sameServers.FirstOrDefault(h => h.Level >= SecurityLevel.Encrypted) is { } encrypted)
        {
            findings.Add(new Finding(FindingCodes.DowngradeSuspected, null,
                $"{LevelText.Name(encrypted.Level)} until {Day(encrypted.LastSeen)}"));
        }

        if (live.Level > SecurityLevel.NoMail)
        {
            var weakened = Weakened(evidence, sameServers);
            if (weakened.Count > 0)
            {
                findings.Add(new Finding(FindingCodes.PolicyWeakened, null, string.Join("; ", weakened)));
            }
        }

        if (watched)
        {
            findings.AddRange(Expiring(live, options.ExpiryWarningDays, now));
        }

        return findings;
    }

    /// <summary>The leaves that expire within <paramref name="warningDays"/> (not yet expired: that has its own finding).</summary>
    public static IEnumerable<Finding> Expiring(DomainAssessment live, int warningDays, DateTimeOffset now)
        => live.MxHosts
            .SelectMany(h => h.Probes.Where(p => p.Tls != null).Select(p => (h.Host, p.Tls!.Certificate)))
            .Where(c => !c.Certificate.Expired && c.Certificate.NotAfter > now && c.Certificate.NotAfter <= now.AddDays(warningDays))
            .GroupBy(c => c.Host, StringComparer.Ordinal)
            .Select(g => g.MinBy(c => c.Certificate.NotAfter))
            .Select(c => new Finding(FindingCodes.CertificateExpiring, c.Host,
                $"expires {Day(c.Certificate.NotAfter)}, in {DaysLeft(c.Certificate.NotAfter, now)} days"));

    public static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);

    private static List<string> Weakened(PostureEvidence now, IReadOnlyList<RememberedPosture> before)
    {
        var what = new List<string>();
        if (now.MtaStsMode != MtaStsMode.Enforce && before.Any(h => h.Evidence.MtaStsMode == MtaStsMode.Enforce))
        {
            what.Add($"MTA-STS enforce → {(now.MtaStsMode is { } mode ? KebabCase.Name(mode) : "gone")}");
        }

        if (!now.HasTlsa && before.Any(h => h.Evidence.HasTlsa))
        {
            what.Add("TLSA records removed");
        }

        if (!now.DnssecSecure && before.Any(h => h.Evidence.DnssecSecure))
        {
            what.Add("DNSSEC lost");
        }

        return what;
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
