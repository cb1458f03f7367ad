using Microsoft.Extensions.Options;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Scheduling;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Api.Assessments;

/// <summary>An assessment and whether it was served from the cache.</summary>
public sealed record CachedAssessment(DomainAssessment Assessment, bool FromCache)
{
    /// <summary>The last known level, answered because the latest check came back unknown (see <see cref="StaleIfError"/>).</summary>
    public bool LastKnown => StaleIfError.IsLastKnown(Assessment);
}

/// <summary>Assessments through the cache: one probe at a time per domain (HybridCache stampede protection),
/// lifetimes by result, a caller deadline that does not abort the shared probe, and the last known level kept
/// for <see cref="AssessmentOptions.StaleIfErrorGrace"/> so a failed check does not replace it. Every answer carries
/// the findings of the domain's posture history (<see cref="PostureMemory"/>).</summary>
public sealed partial class AssessmentService(
    AssessmentCache cache,
    IDomainAssessor assessor,
    PostureMemory memory,
    IOptions<AssessmentOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<AssessmentService> logger)
{
    /// <param name="domain">Already normalised (DomainName.Normalize).</param>
    /// <param name="deadline">How long this caller waits; the probe itself runs on under the engine's own limits.</param>
    /// <param name="tenantId">The caller's tenant: a probe it starts takes that tenant's share of the engine's scheduler.</param>
    /// <remarks>Completes at once (no task, no closure) when the domain is in the local cache and memory has nothing to add.</remarks>
    public ValueTask<CachedAssessment> GetAsync(string domain, bool refresh, TimeSpan deadline, string tenantId, CancellationToken cancellationToken)
    {
        if (refresh || cache.TryGetLocal(domain) is not { } assessment)
        {
            return new(GetWithMemoryAsync(domain, refresh, deadline, new ProbeRequester(tenantId), cancellationToken));
        }

        var hit = new CachedAssessment(assessment, FromCache: true);
        var recalled = memory.RecallAsync(assessment, cancellationToken);
        return recalled.IsCompletedSuccessfully ? new(With(hit, recalled.Result)) : new(RecalledAsync(hit, recalled));
    }

    private async Task<CachedAssessment> GetWithMemoryAsync(string domain, bool refresh, TimeSpan deadline, ProbeRequester requester, CancellationToken cancellationToken)
    {
        var cached = await GetLiveAsync(domain, refresh, deadline, requester, cancellationToken);
        return With(cached, await memory.RecallAsync(cached.Assessment, cancellationToken));
    }

    private static async Task<CachedAssessment> RecalledAsync(CachedAssessment hit, ValueTask<DomainAssessment> recalled) => With(hit, await recalled);

    private static CachedAssessment With(CachedAssessment cached, DomainAssessment recalled)
        => ReferenceEquals(recalled, cached.Assessment) ? cached : cached with { Assessment = recalled };

    /// <summary>The partner monitor's re-check: a fresh probe at background priority (after every sender's work) that
    /// also refreshes the cache, without memory findings (the monitor compares it with the history itself).</summary>
    public async Task<DomainAssessment> RecheckAsync(string domain, TimeSpan deadline, CancellationToken cancellationToken)
        => (await GetLiveAsync(domain, refresh: true, deadline, ProbeRequester.PartnerMonitor, cancellationToken)).Assessment;

    private async Task<CachedAssessment> GetLiveAsync(string domain, bool refresh, TimeSpan deadline, ProbeRequester requester,
        CancellationToken cancellationToken)
    {
        var probed = false;
        var started = clock.GetTimestamp();
        // The probe is shared by every caller of this domain, so it stops with the application, not with one request.
        var shared = cache.GetOrProbeAsync(
            domain,
            async token =>
            {
                probed = true;
                LogProbing(logger, domain);
                var fresh = await assessor.AssessAsync(domain, requester, token);
                if (fresh.Level == SecurityLevel.Unknown)
                {
                    return await AnswerUnknownAsync(domain, fresh, token);
                }

                if (options.Value.StaleIfErrorGrace > TimeSpan.Zero)
                {
                    await cache.SetLastKnownAsync(domain, fresh, token);
                }

                return fresh;
            },
            refresh,
            lifetime.ApplicationStopping);
        if (shared.IsCompletedSuccessfully && !probed)
        {
            // A hit in memory completes at once: no continuation, no deadline timer, no thread-pool hop.
            return new CachedAssessment(shared.Result, FromCache: true);
        }

        var withLifetime = shared.AsTask().ContinueWith(
            async task =>
            {
                if (probed && task.IsCompletedSuccessfully)
                {
                    await cache.SetAsync(domain, task.Result, lifetime.ApplicationStopping);
                }

                return await task;
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default).Unwrap();

        try
        {
            var assessment = await withLifetime.WaitAsync(deadline, cancellationToken);
            EngineTelemetry.CacheLookup("assessment", !probed);
            return new CachedAssessment(assessment, !probed);
        }
        catch (TimeoutException)
        {
            LogStillProbing(logger, domain, deadline);
            var unknown = new DomainAssessment(domain, SecurityLevel.Unknown,
                [new Finding(FindingCodes.Timeout, null, "The check is still running; ask again shortly.")],
                [], MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None, clock.GetUtcNow(),
                (long)clock.GetElapsedTime(started).TotalMilliseconds);
            var answer = await AnswerUnknownAsync(domain, unknown, cancellationToken);
            return new CachedAssessment(answer, !ReferenceEquals(answer, unknown));
        }
    }

    /// <summary>The last known level while it is within the grace period, else <paramref name="unknown"/> itself.</summary>
    private async Task<DomainAssessment> AnswerUnknownAsync(string domain, DomainAssessment unknown, CancellationToken cancellationToken)
    {
        if (options.Value.StaleIfErrorGrace <= TimeSpan.Zero)
        {
            return unknown;
        }

        var lastKnown = await cache.GetLastKnownAsync(domain, cancellationToken);
        var answer = StaleIfError.Answer(unknown, lastKnown, clock.GetUtcNow(), options.Value.StaleIfErrorGrace);
        if (!ReferenceEquals(answer, unknown))
        {
            LogLastKnown(logger, domain, answer.Level, answer.CheckedAt);
        }

        return answer;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Domain}: the latest check came back unknown; answered the last known level {Level} seen at {CheckedAt}")]
    private static partial void LogLastKnown(ILogger logger, string domain, SecurityLevel level, DateTimeOffset checkedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probing {Domain}")]
    private static partial void LogProbing(ILogger logger, string domain);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Domain} still probing after {Deadline}; answered unknown")]
    private static partial void LogStillProbing(ILogger logger, string domain, TimeSpan deadline);
}
