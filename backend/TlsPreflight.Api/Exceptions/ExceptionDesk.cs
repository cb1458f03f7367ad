using Microsoft.Extensions.Options;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Audit;
using TlsPreflight.Api.Identity;
using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Exceptions;

/// <summary>Why a request or an answer was refused; the API maps each to a problem status.</summary>
public enum ExceptionRefusal
{
    None = 0,
    Invalid,
    NotStopped,
    TooMany,
    NotFound,
    AlreadyDecided,
    PolicyBusy,
}

/// <summary>The outcome of one step: the request as it now stands, or why not.</summary>
public sealed record ExceptionOutcome(ExceptionRequest? Request, ExceptionRefusal Refusal, string Detail = "", bool IsNew = false)
{
    public static ExceptionOutcome Refused(ExceptionRefusal refusal, string detail) => new(null, refusal, detail);
}

/// <summary>The exception flow (issue 14 §2): a sender asks for a stopped domain, an admin approves for N days (the
/// policy gets a temporary allow, a new version) or declines; every step goes into the audit log.</summary>
public sealed class ExceptionDesk(
    ExceptionStore store,
    MessageAssessment assessment,
    ITenantPolicyStore policies,
    IAuditLog audit,
    IOptions<ExceptionOptions> options,
    TimeProvider clock)
{
    private const int PolicySaveAttempts = 5;

    public async Task<ExceptionOutcome> RequestAsync(CallerIdentity caller, string domain, string reason, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        var (pending, recent) = await store.CountForAsync(caller.TenantId, caller.UserName, now.AddDays(-1), cancellationToken);
        var latest = await store.LatestForAsync(caller.TenantId, caller.UserName, [domain], cancellationToken);
        if (latest.TryGetValue(domain, out var open) && open.Status == ExceptionStatus.Pending)
        {
            return new ExceptionOutcome(open, ExceptionRefusal.None); // asking twice is the same request
        }

        if (pending >= limits.MaxPendingPerUser || recent >= limits.MaxPerUserPerDay)
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.TooMany,
                $"At most {limits.MaxPendingPerUser} open requests and {limits.MaxPerUserPerDay} a day per user; wait for an answer.");
        }

        // Only a domain the policy stops now can be excepted: the preview decision says so (and is not audited).
        var decision = await assessment.DecideAsync(caller, [new Recipient(domain, null)], [], AssessmentIntent.Preview, cancellationToken);
        var stopped = decision.Domains.FirstOrDefault(d => d.Domain == domain && d.Decision != PolicyAction.Allow);
        if (stopped == null)
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.NotStopped, $"Your organisation's policy does not stop mail to {domain}: there is nothing to except.");
        }

        var request = new ExceptionRequest
        {
            Id = Guid.NewGuid(),
            TenantId = caller.TenantId,
            Requester = caller.UserName,
            Domain = domain,
            Level = stopped.Level,
            Findings = stopped.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal).ToList(),
            Reason = reason,
            RequestedAt = now,
            Status = ExceptionStatus.Pending,
        };
        await store.AddAsync(request, cancellationToken);
        await AuditAsync(caller, request, AuditKind.ExceptionRequested, stopped.Decision, decision.PolicyVersion, stopped.RequiredLevel, stopped.Action, cancellationToken);
        return new ExceptionOutcome(request, ExceptionRefusal.None, IsNew: true);
    }

    public async Task<ExceptionOutcome> ApproveAsync(CallerIdentity admin, Guid id, int days, CancellationToken cancellationToken)
    {
        if (days < 1 || days > options.Value.MaxDays)
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.Invalid, $"Between 1 and {options.Value.MaxDays} days.");
        }

        var request = await store.FindAsync(admin.TenantId, id, cancellationToken);
        if (request == null)
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.NotFound, "No such request in your tenant.");
        }

        if (request.Status != ExceptionStatus.Pending)
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.AlreadyDecided, $"Already {request.Status.ToString().ToLowerInvariant()} by {request.DecidedBy}.");
        }

        var now = clock.GetUtcNow();
        var grant = new ExceptionGrant(request.Id, request.Domain, now.AddDays(days), admin.UserName);
        var saved = await SaveGrantAsync(admin, grant, now, cancellationToken);
        if (saved == null)
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.PolicyBusy, "The policy kept changing while saving the exception; try again.");
        }

        request.Status = ExceptionStatus.Approved;
        request.DecidedBy = admin.UserName;
        request.DecidedAt = now;
        request.ExpiresAt = grant.ExpiresAt;
        request.PolicyVersion = saved.Version;
        if (!await store.DecideAsync(request, cancellationToken))
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.AlreadyDecided, "Another admin answered this request meanwhile.");
        }

        await AuditAsync(admin, request, AuditKind.ExceptionApproved, PolicyAction.Allow, saved.Version, null, PolicyAction.Allow, cancellationToken);
        return new ExceptionOutcome(request, ExceptionRefusal.None);
    }

    public async Task<ExceptionOutcome> DeclineAsync(CallerIdentity admin, Guid id, string? answer, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(admin.TenantId, id, cancellationToken);
        if (request == null)
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.NotFound, "No such request in your tenant.");
        }

        if (request.Status != ExceptionStatus.Pending)
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.AlreadyDecided, $"Already {request.Status.ToString().ToLowerInvariant()} by {request.DecidedBy}.");
        }

        request.Status = ExceptionStatus.Declined;
        request.DecidedBy = admin.UserName;
        request.DecidedAt = clock.GetUtcNow();
        request.Answer = string.IsNullOrWhiteSpace(answer) ? null : answer.Trim();
        if (!await store.DecideAsync(request, cancellationToken))
        {
            return ExceptionOutcome.Refused(ExceptionRefusal.AlreadyDecided, "Another admin answered this request meanwhile.");
        }

        var policy = await policies.GetCurrentAsync(admin.TenantId, cancellationToken);
        await AuditAsync(admin, request, AuditKind.ExceptionDeclined, PolicyAction.Block, policy.Version, null, PolicyAction.Block, cancellationToken);
        return new ExceptionOutcome(request, ExceptionRefusal.None);
    }

    /// <summary>Adds the grant as a new policy version (dropping grants that have expired), retrying when another save wins.</summary>
    private async Task<PolicyVersion?> SaveGrantAsync(CallerIdentity admin, ExceptionGrant grant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < PolicySaveAttempts; attempt++)
        {
            var current = await policies.GetCurrentAsync(admin.TenantId, cancellationToken);
            var grants = current.Policy.Grants.Where(g => g.InForceAt(now)).Append(grant).ToList();
            var saved = await policies.SaveAsync(admin.TenantId, current.Version, current.Policy with { Exceptions = grants }, admin.UserName, cancellationToken);
            if (saved != null)
            {
                return saved;
            }
        }

        return null;
    }

    private Task AuditAsync(CallerIdentity actor, ExceptionRequest request, AuditKind kind, PolicyAction decision, int policyVersion,
        Probing.Model.SecurityLevel? requiredLevel, PolicyAction? action, CancellationToken cancellationToken)
        => audit.AppendAsync(new AuditEntry
        {
            TenantId = actor.TenantId,
            Time = clock.GetUtcNow(),
            Sender = actor.UserName,
            Kind = kind,
            ExceptionId = request.Id,
            Decision = decision,
            PolicyVersion = policyVersion,
            Domains =
            [
                new AuditDomain
                {
                    Domain = request.Domain,
                    Level = request.Level,
                    RequiredLevel = requiredLevel,
                    Action = action ?? PolicyAction.Allow,
                    Decision = decision,
                    Findings = request.Findings,
                },
            ],
        }, cancellationToken);
}
