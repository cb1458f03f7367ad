using Microsoft.Extensions.Options;

namespace TlsPreflight.Prober.Keys;

/// <summary>A prober without keys would be an open SMTP scanner: it does not start.</summary>
public sealed class ProberOptionsValidator : IValidateOptions<ProberOptions>
{
    public ValidateOptionsResult Validate(string? name, ProberOptions options)
    {
        var problems = new List<string>();
        if (options.Keys.Count(k => k.Length > 0) == 0)
        {
            problems.Add("Prober:Keys is empty: set Prober:Keys:0 (and the same value as Probing:Remote:Key in the API).");
        }

        if (options.Keys.Any(k => k.Length is > 0 and < ProberKeys.MinimumKeyLength))
        {
            problems.Add($"Every Prober:Keys entry must be at least {ProberKeys.MinimumKeyLength} characters (e.g. `openssl rand -base64 33`).");
        }

        if (options.MaxDomainsPerBatch is < 1 or > 500)
        {
            problems.Add("Prober:MaxDomainsPerBatch must be between 1 and 500.");
        }

        if (options.MaxRequestBytes is < 1024 or > 1024 * 1024)
        {
            problems.Add("Prober:MaxRequestBytes must be between 1 KiB and 1 MiB.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
