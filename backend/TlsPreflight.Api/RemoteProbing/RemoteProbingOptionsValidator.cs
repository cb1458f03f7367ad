using Microsoft.Extensions.Options;

namespace TlsPreflight.Api.RemoteProbing;

/// <summary>Start-up fails on agent settings that could only fail later, one request at a time.</summary>
public sealed class RemoteProbingOptionsValidator : IValidateOptions<RemoteProbingOptions>
{
    public ValidateOptionsResult Validate(string? name, RemoteProbingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        foreach (var part in options.Url.Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"Probing:Remote:Url: \"{part}\" is not an http(s) URL.");
            }
        }

        if (string.IsNullOrEmpty(options.Key))
        {
            problems.Add("Probing:Remote:Key is required with Probing:Remote:Url: the agents refuse anonymous calls.");
        }

        if (options.CallTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add("Probing:Remote:CallTimeout and ConnectTimeout must be positive.");
        }

        if (options.MaxDomainsPerCall < 1)
        {
            problems.Add("Probing:Remote:MaxDomainsPerCall must be at least 1.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
