using System.Collections.Concurrent;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>In-test engine for the decision matrix: the level is the domain's first label
/// (plaintext.x.test → plaintext, nomail.x.test → no-mail); `slow.*` waits for <see cref="ReleaseSlow"/>,
/// `delayed.*` takes 300 ms; both then answer verified. `hang.*` never answers (until cancelled).
/// Counts calls per domain so tests can see what was probed and what came from the cache.</summary>
public sealed class ScriptedAssessor : IDomainAssessor
{
    private readonly ConcurrentDictionary<string, int> calls = new();
    private readonly TaskCompletionSource slowGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, bool> timingOut = new();

    public int CallsFor(string domain) => calls.GetValueOrDefault(domain);

    public void ReleaseSlow() => slowGate.TrySetResult();

    /// <summary>From now on every check of <paramref name="domain"/> comes back unknown with a timeout finding.</summary>
    public void StartTimingOut(string domain) => timingOut[domain] = true;

    public async Task<DomainAssessment> AssessAsync(string domainOrAddress, CancellationToken cancellationToken)
    {
        var domain = DomainName.Normalize(domainOrAddress);
        calls.AddOrUpdate(domain, 1, (_, n) => n + 1);
        var label = domain.Split('.')[0];
        if (timingOut.ContainsKey(domain))
        {
            return Assessment(domain, SecurityLevel.Unknown) with { Findings = [new Finding(FindingCodes.Timeout, "mx." + domain)] };
        }

        if (label == "slow")
        {
            await slowGate.Task.WaitAsync(cancellationToken);
            label = "verified";
        }
        else if (label == "hang")
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        else if (label == "delayed")
        {
            await Task.Delay(300, cancellationToken);
            label = "verified";
        }

        var level = label switch
        {
            "nomail" => SecurityLevel.NoMail,
            "plaintext" => SecurityLevel.Plaintext,
            "encrypted" => SecurityLevel.Encrypted,
            "verified" => SecurityLevel.Verified,
            "enforced" => SecurityLevel.Enforced,
            _ => SecurityLevel.Unknown,
        };
        return Assessment(domain, level);
    }

    public async Task<IReadOnlyList<DomainAssessment>> AssessManyAsync(IEnumerable<string> domainsOrAddresses, CancellationToken cancellationToken)
    {
        var results = new List<DomainAssessment>();
        foreach (var domain in domainsOrAddresses.Select(DomainName.Normalize).Distinct())
        {
            results.Add(await AssessAsync(domain, cancellationToken));
        }

        return results;
    }

    public static DomainAssessment Assessment(string domain, SecurityLevel level)
    {
        Finding[] findings = level switch
        {
            SecurityLevel.Plaintext => [new Finding(FindingCodes.StartTlsNotSupported, "mx." + domain)],
            SecurityLevel.Encrypted => [new Finding(FindingCodes.CertificateNotTrusted, "mx." + domain, "self-signed")],
            SecurityLevel.Unknown => [new Finding(FindingCodes.MxUnreachable, "mx." + domain)],
            SecurityLevel.NoMail => [new Finding(FindingCodes.NullMx)],
            _ => [],
        };
        var mx = new MxHostReport("mx." + domain, 10, false, null, [], level, TlsaReport.None, null);
        return new DomainAssessment(domain, level, findings, [mx], MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None,
            DateTimeOffset.UtcNow, 1);
    }
}
