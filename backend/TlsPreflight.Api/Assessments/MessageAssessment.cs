using Microsoft.Extensions.Options;
using TlsPreflight.Api.Audit;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Exceptions;
using TlsPreflight.Api.Identity;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Storage;
using TlsPreflight.Api.Telemetry;
using TlsPreflight.Api.VerifiedDomains;
using TlsPreflight.Api.Words;

namespace TlsPreflight.Api.Assessments;

/// <summary>Whether the add-in is previewing (recipients changed) or the user pressed Send.</summary>
public enum AssessmentIntent
{
    Preview,
    Send,
}

/// <summary>The flow behind POST /api/v1/assessments: policy, internal domains, cached assessments, decision, audit.</summary>
public sealed class MessageAssessment(
    ITenantPolicyStore policies,
    TenantDirectory directory,
    AssessmentService assessments,
    IAuditLog audit,
    LatestRequests requests,
    IOptions<AssessmentOptions> options,
    SenderWords words,
    DecisionMemo decisions,
    TimeProvider clock)
{
    public async Task<SendDecision> DecideAsync(CallerIdentity caller, IReadOnlyList<Recipient> recipients, IReadOnlyList<InvalidRecipient> invalid,
        AssessmentIntent intent, CancellationToken cancellationToken, Guid? sensitivityLabel = null)
    {
        var policy = await policies.GetCurrentAsync(caller.TenantId, cancellationToken);
        var internalDomains = await directory.GetInternalDomainsAsync(policy.Policy, caller.TenantId, cancellationToken);

        var deadline = intent == AssessmentIntent.Send ? options.Value.SendDeadline : options.Value.PreviewDeadline;
        var results = await AssessAllAsync(recipients, internalDomains, deadline, caller.TenantId, cancellationToken);

        var invalidEntries = invalid.Select(e => e.Echo).Distinct(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        var decision = decisions.Make(policy, internalDomains, results, words, invalidEntries, policy.Policy.LabelById(sensitivityLabel), now);
        decision = await WithRequestsAsync(caller, decision, cancellationToken);
        ApiTelemetry.Decided(decision, intent);
        if (intent == AssessmentIntent.Send)
        {
            using var timer = ApiTelemetry.AuditWriting();
            await audit.AppendAsync(ToAuditEntry(caller, decision, policy.Policy.Audit.StoreRecipientAddresses ? recipients : null), cancellationToken);
        }

        return decision;
    }

    /// <summary>The sender's own latest exception request for each stopped domain, so the task pane can say "requested" or the answer.</summary>
    private async Task<SendDecision> WithRequestsAsync(CallerIdentity caller, SendDecision decision, CancellationToken cancellationToken)
    {
        if (!decision.Domains.Any(Stopped))
        {
            return decision;
        }

        IReadOnlyDictionary<string, ExceptionRequest> latest;
        try
        {
            latest = await requests.ForAsync(caller.TenantId, caller.UserName, cancellationToken);
        }
        catch (Exception e) when (StorageUnavailableException.IsOutage(e))
        {
            // The request state is a courtesy: with the database down the decision still stands, from the cached policy.
            return decision;
        }

        if (!decision.Domains.Any(d => Stopped(d) && latest.ContainsKey(d.Domain)))
        {
            return decision;
        }

        var domains = decision.Domains
            .Select(d => Stopped(d) && latest.TryGetValue(d.Domain, out var r) ? d with { ExceptionRequest = ExceptionStatusView.From(r) } : d)
            .ToList();
        // The dialog offers an exception only where none is waiting for an answer.
        return decision with { Domains = domains, Message = DecisionMessage.Compose(decision.Decision, domains, words, decision.ProtectingLabels) };
    }

    /// <summary>A domain the sender could ask an exception for, or one an exception allowed.</summary>
    private static bool Stopped(DomainDecision d) => !d.Internal && (d.Decision != PolicyAction.Allow || d.AllowedBy != null);

    /// <summary>Audits a decision the add-in made itself, exactly as it was shown (the service does not re-decide it).</summary>
    public async Task RecordShownAsync(CallerIdentity caller, ShownDecision shown, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        var policy = await policies.GetCurrentAsync(caller.TenantId, cancellationToken);
        using var timer = ApiTelemetry.AuditWriting();
        await audit.AppendAsync(new AuditEntry
        {
            TenantId = caller.TenantId,
            Time = clock.GetUtcNow(),
            Sender = caller.UserName,
            Decision = shown.Decision,
            DecidedBy = AuditDecider.AddinFromKnownResults,
            PolicyVersion = shown.PolicyVersion,
            Recipients = policy.Policy.Audit.StoreRecipientAddresses
                ? recipients.Select(r => r.Address ?? r.Domain).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
                : null,
            Domains = shown.Domains.Select(d => new AuditDomain
            {
                Domain = Probing.Names.DomainName.Normalize(d.Domain),
                Level = d.Internal ? null : d.Level,
                RequiredLevel = d.RequiredLevel,
                Action = d.Action ?? PolicyAction.Allow,
                Decision = d.Decision,
                Internal = d.Internal,
                Findings = (d.Findings ?? []).Distinct(StringComparer.Ordinal).ToList(),
                CheckedAt = d.CheckedAt,
            }).ToList(),
        }, cancellationToken);
    }

    /// <summary>Each distinct recipient domain's assessment (none for internal ones), in the order first named. Domains
    /// answered from memory are filled in at once; only the others are awaited, together.</summary>
    private async ValueTask<(string Domain, Probing.Model.DomainAssessment? Assessment, bool FromCache)[]> AssessAllAsync(
        IReadOnlyList<Recipient> recipients, IReadOnlySet<string> internalDomains, TimeSpan deadline, string tenantId, CancellationToken cancellationToken)
    {
        var domains = new List<string>(recipients.Count);
        var seen = new HashSet<string>(recipients.Count, StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            if (seen.Add(recipient.Domain))
            {
                domains.Add(recipient.Domain);
            }
        }

        var results = new (string Domain, Probing.Model.DomainAssessment? Assessment, bool FromCache)[domains.Count];
        List<Task>? waiting = null;
        for (var i = 0; i < domains.Count; i++)
        {
            var domain = domains[i];
            if (internalDomains.Contains(domain))
            {
                results[i] = (domain, null, false);
                continue;
            }

            var pending = assessments.GetAsync(domain, refresh: false, deadline, tenantId, cancellationToken);
            if (pending.IsCompletedSuccessfully)
            {
                results[i] = (domain, pending.Result.Assessment, pending.Result.FromCache);
            }
            else
            {
                (waiting ??= []).Add(FillAsync(results, i, domain, pending));
            }
        }

        if (waiting != null)
        {
            await Task.WhenAll(waiting);
        }

        return results;
    }

    private static async Task FillAsync((string, Probing.Model.DomainAssessment?, bool)[] results, int index, string domain, ValueTask<CachedAssessment> pending)
    {
        var cached = await pending;
        results[index] = (domain, cached.Assessment, cached.FromCache);
    }

    private AuditEntry ToAuditEntry(CallerIdentity caller, SendDecision decision, IReadOnlyList<Recipient>? recipients) => new()
    {
        TenantId = caller.TenantId,
        Time = clock.GetUtcNow(),
        Sender = caller.UserName,
        Decision = decision.Decision,
        PolicyVersion = decision.PolicyVersion,
        ProtectedByLabel = decision.ProtectedBy?.Name,
        Recipients = recipients?.Select(r => r.Address ?? r.Domain).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        Domains = decision.Domains.Select(d => new AuditDomain
        {
            Domain = d.Domain,
            Level = d.Level,
            RequiredLevel = d.RequiredLevel,
            Action = d.Action,
            Decision = d.Decision,
            Internal = d.Internal,
            Findings = d.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal).ToList(),
            CheckedAt = d.CheckedAt,
            AllowedBy = d.AllowedBy,
            RuleDecision = d.RuleDecision,
        }).ToList(),
    };
}
