using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Safety;

namespace TlsPreflight.Probing;

/// <summary>Rejects settings the engine cannot run with, with one clear message each, when the options are first read
/// (instead of an ArgumentOutOfRangeException from deep inside a probe).</summary>
public sealed class ProbingOptionsValidator : IValidateOptions<ProbingOptions>
{
    public ValidateOptionsResult Validate(string? name, ProbingOptions options)
    {
        var errors = new List<string>();
        foreach (var server in options.DnsServers)
        {
            try
            {
                NameServerList.ParseOne(server);
            }
            catch (ArgumentException e)
            {
                errors.Add(e.Message.Split(" (Parameter")[0]);
            }
        }
        foreach (var range in options.ExtraRefusedRanges)
        {
            try
            {
                DialPolicy.ParseRange(range);
            }
            catch (FormatException e)
            {
                errors.Add(e.Message);
            }
        }
        if (options.SmtpPort is < 1 or > 65535)
            errors.Add($"SmtpPort {options.SmtpPort} is not a TCP port (1–65535)");
        if (options.HttpsPort is < 1 or > 65535)
            errors.Add($"HttpsPort {options.HttpsPort} is not a TCP port (1–65535)");
        // RFC 5321 §4.1.1.1: EHLO takes a domain (or address literal); above all no spaces or line breaks,
        // which would let the setting inject SMTP commands.
        if (string.IsNullOrWhiteSpace(options.EhloName) || options.EhloName.Any(c => c <= ' ' || c >= '\x7f'))
            errors.Add($"EhloName '{options.EhloName}' must be a host name without spaces or control characters");
        Positive(errors, nameof(options.DnsTimeout), options.DnsTimeout);
        Positive(errors, nameof(options.ConnectTimeout), options.ConnectTimeout);
        Positive(errors, nameof(options.SmtpCommandTimeout), options.SmtpCommandTimeout);
        Positive(errors, nameof(options.TlsHandshakeTimeout), options.TlsHandshakeTimeout);
        Positive(errors, nameof(options.MtaStsFetchTimeout), options.MtaStsFetchTimeout);
        Positive(errors, nameof(options.DomainTimeout), options.DomainTimeout);
        if (options.MtaStsFetchBackoff < TimeSpan.Zero || options.MtaStsFetchBackoff > TimeSpan.FromDays(1))
            errors.Add($"MtaStsFetchBackoff must be between zero and a day (got {options.MtaStsFetchBackoff})");
        if (options.MxResultCacheLifetime < TimeSpan.Zero)
            errors.Add("MxResultCacheLifetime must not be negative");
        AtLeastOne(errors, nameof(options.MaxConcurrentProbes), options.MaxConcurrentProbes);
        AtLeastOne(errors, nameof(options.MaxConcurrentDnsQueries), options.MaxConcurrentDnsQueries);
        AtLeastOne(errors, nameof(options.MaxConcurrentPolicyFetches), options.MaxConcurrentPolicyFetches);
        AtLeastOne(errors, nameof(options.MaxQueuedPerTenant), options.MaxQueuedPerTenant);
        AtLeastOne(errors, nameof(options.MaxQueued), options.MaxQueued);
        AtLeastOne(errors, nameof(options.MxResultCacheSize), options.MxResultCacheSize);
        AtLeastOne(errors, nameof(options.MtaStsPolicyCacheSize), options.MtaStsPolicyCacheSize);
        if (options.MaxMxHosts < 1)
            errors.Add("MaxMxHosts must be at least 1");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AtLeastOne(List<string> errors, string name, int value)
    {
        if (value < 1)
            errors.Add($"{name} must be at least 1");
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        // CancelAfter accepts at most about 24.8 days.
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
            errors.Add($"{name} must be more than zero and at most a day (got {value})");
    }
}
