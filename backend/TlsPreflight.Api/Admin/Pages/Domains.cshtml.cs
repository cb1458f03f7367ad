using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.VerifiedDomains;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Check any domain: the engine's full report and what this tenant's policy would decide for it.</summary>
public sealed class DomainsModel(
    AssessmentService assessments,
    ITenantPolicyStore store,
    TenantDirectory directory,
    IOptions<AssessmentOptions> options,
    SenderWords words) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "domain")]
    public string? Domain { get; set; }

    [BindProperty(SupportsGet = true, Name = "refresh")]
    public bool Refresh { get; set; }

    public string? Error { get; private set; }
    public DomainAssessment? Assessment { get; private set; }
    public bool FromCache { get; private set; }
    public DomainDecision? Decision { get; private set; }
    public int PolicyVersion { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Domain))
        {
            return;
        }

        var input = Domain.Trim();
        if (!DomainName.TryNormalizeDomain(input, out var domain, out var error))
        {
            Fail(error);
            return;
        }

        var cached = await assessments.GetAsync(domain, Refresh, options.Value.PreviewDeadline, Caller.TenantId, cancellationToken);
        Assessment = cached.Assessment;
        FromCache = cached.FromCache;

        var policy = await store.GetCurrentAsync(Caller.TenantId, cancellationToken);
        var internalDomains = await directory.GetInternalDomainsAsync(policy.Policy, Caller.TenantId, cancellationToken);
        PolicyVersion = policy.Version;
        Decision = SendDecision.Make(policy, internalDomains, [(domain, cached.Assessment, cached.FromCache)], words).Domains[0];
    }

    private void Fail(string error)
    {
        Error = error;
        HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
