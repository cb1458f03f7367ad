using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Scheduling;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Api.Assessments;

/// <summary>An assessment and whether it was served from the cache.</summary>
public sealed record CachedAssessment(DomainAssessment Assessment, bool FromCache);

/// <summary>Assessments through the cache: one probe at a time per domain (HybridCache stampede protection),
/// lifetimes by result, and a caller deadline that does not abort the shared probe.</summary>
public sealed partial class AssessmentService(
    HybridCache cache,
    IDomainAssessor assessor,
    IOptions<AssessmentOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<AssessmentService> logger)
{
    private static readonly HybridCacheEntryOptions Refresh = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead,
    };

    /// <param name="domain">Already normalised (DomainName.Normalize).</param>
    /// <param name="deadline">How long this caller waits; the probe itself runs on under the engine's own limits.</param>
    /// <param name="tenantId">The caller's tenant: a probe it starts takes that tenant's share of the engine's scheduler.</param>
    public async Task<CachedAssessment> GetAsync(string domain, bool refresh, TimeSpan deadline, string tenantId, CancellationToken cancellationToken)
    {
        var requester = new ProbeRequester(tenantId);
        var probed = false;
        var started = clock.GetTimestamp();
        // The probe is shared by every caller of this domain, so it stops with the application, not with one request.
        var shared = cache.GetOrCreateAsync(
            Key(domain),
            async token =>
            {
                probed = true;
                LogProbing(logger, domain);
                return await assessor.AssessAsync(domain, requester, token);
            },
            refresh ? Refresh : null,
            cancellationToken: lifetime.ApplicationStopping).AsTask();
        var withLifetime = shared.ContinueWith(
            async task =>
            {
                if (probed && task.IsCompletedSuccessfully)
                {
                    await cache.SetAsync(Key(domain), task.Result, EntryOptions(task.Result), cancellationToken: lifetime.ApplicationStopping);
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
            return new CachedAssessment(unknown, false);
        }
    }

    private HybridCacheEntryOptions EntryOptions(DomainAssessment assessment)
    {
        var expiration = AssessmentLifetime.For(assessment, options.Value);
        return new HybridCacheEntryOptions { Expiration = expiration, LocalCacheExpiration = expiration };
    }

    private static string Key(string domain) => "assessment:" + domain;

    [LoggerMessage(Level = LogLevel.Information, Message = "Probing {Domain}")]
    private static partial void LogProbing(ILogger logger, string domain);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Domain} still probing after {Deadline}; answered unknown")]
    private static partial void LogStillProbing(ILogger logger, string domain, TimeSpan deadline);
}
