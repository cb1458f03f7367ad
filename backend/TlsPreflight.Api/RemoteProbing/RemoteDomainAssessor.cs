using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Telemetry;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;
using TlsPreflight.Probing.Scheduling;

namespace TlsPreflight.Api.RemoteProbing;

/// <summary>The engine, run by probe agents (TlsPreflight.Prober `POST /v1/assessments`) instead of this process.
/// Each domain goes to its agent (<see cref="ProberRoute"/>) and, when that one fails, to the next; when none answers
/// the domain is `unknown` with `prober-unreachable`, and the tenant's fail mode decides, as for any `unknown`.</summary>
public sealed partial class RemoteDomainAssessor(
    IHttpClientFactory http,
    ProberRoute route,
    IOptions<RemoteProbingOptions> options,
    TimeProvider clock,
    ILogger<RemoteDomainAssessor> logger) : IDomainAssessor
{
    public const string HttpClientName = "tlspreflight-prober";
    private const string BatchPath = "v1/assessments";

    private readonly RemoteProbingOptions o = options.Value;
    private readonly IReadOnlyList<Uri> agents = options.Value.Agents;

    public Task<DomainAssessment> AssessAsync(string domainOrAddress, CancellationToken cancellationToken)
        => AssessAsync(domainOrAddress, ProbeRequester.Local, cancellationToken);

    /// <summary>The requester's tenant travels to the agent, whose scheduler gives it its fair share there.</summary>
    public async Task<DomainAssessment> AssessAsync(string domainOrAddress, ProbeRequester requester, CancellationToken cancellationToken)
        => (await AssessForAsync([domainOrAddress], requester, cancellationToken))[0];

    public Task<IReadOnlyList<DomainAssessment>> AssessManyAsync(IEnumerable<string> domainsOrAddresses, CancellationToken cancellationToken)
        => AssessForAsync(domainsOrAddresses, ProbeRequester.Local, cancellationToken);

    private async Task<IReadOnlyList<DomainAssessment>> AssessForAsync(IEnumerable<string> domainsOrAddresses, ProbeRequester requester, CancellationToken cancellationToken)
    {
        // As the local engine: validate everything before any traffic.
        var domains = domainsOrAddresses.Select(DomainName.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var ranked = await Task.WhenAll(domains.Select(async d => (Domain: d, Agents: await route.RankAsync(d, agents, cancellationToken))));

        // Domains with the same agent order travel together, in calls of at most MaxDomainsPerCall.
        var calls = ranked
            .GroupBy(r => string.Join(' ', r.Agents.Select(a => a.AbsoluteUri)))
            .SelectMany(g => g.Chunk(o.MaxDomainsPerCall).Select(chunk => (Agents: chunk[0].Agents, Domains: chunk.Select(c => c.Domain).ToList())));
        var answers = await Task.WhenAll(calls.Select(call => AskInTurnAsync(call.Agents, call.Domains, requester, cancellationToken)));

        var byDomain = answers.SelectMany(a => a).ToDictionary(a => a.Domain, StringComparer.Ordinal);
        return [.. domains.Select(d => byDomain[d])];
    }

    private async Task<IReadOnlyList<DomainAssessment>> AskInTurnAsync(IReadOnlyList<Uri> ranked, List<string> domains, ProbeRequester requester, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        foreach (var agent in ranked)
        {
            try
            {
                var answer = await AskAsync(agent, domains, requester, cancellationToken);
                ApiTelemetry.ProberCalled(agent, answer is null ? "bad-answer" : "answered");
                if (answer is not null)
                {
                    return answer;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not InvalidDomainException)
            {
                // Refused, timed out, circuit open, unreadable answer: the next agent is asked.
                ApiTelemetry.ProberCalled(agent, "failed");
                LogAgentFailed(logger, agent, ex.GetType().Name, ex.Message);
            }
        }

        LogNoAgent(logger, ranked.Count, domains.Count);
        var elapsed = (long)clock.GetElapsedTime(started).TotalMilliseconds;
        return [.. domains.Select(d => Unreachable(d, ranked.Count, elapsed))];
    }

    /// <summary>The agent's assessments, or null when it answered but not with one assessment per domain.</summary>
    private async Task<IReadOnlyList<DomainAssessment>?> AskAsync(Uri agent, List<string> domains, ProbeRequester requester, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(agent, BatchPath))
        {
            Content = JsonContent.Create(new { domains, tenant = requester.Tenant }, options: AssessmentJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.Key);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogAgentStatus(logger, agent, (int)response.StatusCode);
            return null;
        }

        var batch = await response.Content.ReadFromJsonAsync<AgentBatch>(AssessmentJson.Options, cancellationToken);
        var answered = batch?.Domains?.Select(a => a.Domain).ToHashSet(StringComparer.Ordinal);
        if (answered is null || !domains.All(answered.Contains))
        {
            LogAgentIncomplete(logger, agent);
            return null;
        }

        return batch!.Domains;
    }

    private DomainAssessment Unreachable(string domain, int tried, long elapsedMs)
        => new(domain, SecurityLevel.Unknown,
            [new Finding(FindingCodes.ProberUnreachable, Detail: tried == 1 ? "1 agent tried" : $"{tried} agents tried")],
            [], MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None, clock.GetUtcNow(), elapsedMs);

    private sealed record AgentBatch(IReadOnlyList<DomainAssessment>? Domains);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe agent {Agent} failed ({Kind}: {Reason}); asking the next")]
    private static partial void LogAgentFailed(ILogger logger, Uri agent, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe agent {Agent} answered HTTP {Status}; asking the next")]
    private static partial void LogAgentStatus(ILogger logger, Uri agent, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe agent {Agent} did not answer for every domain asked; asking the next")]
    private static partial void LogAgentIncomplete(ILogger logger, Uri agent);

    [LoggerMessage(Level = LogLevel.Error, Message = "None of {Tried} probe agents answered for {Count} domains: answered unknown (prober-unreachable)")]
    private static partial void LogNoAgent(ILogger logger, int tried, int count);
}
