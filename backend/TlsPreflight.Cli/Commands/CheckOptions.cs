using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TlsPreflight.Probing;
using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Names;
using TlsPreflight.Probing.Safety;

namespace TlsPreflight.Cli.Commands;

/// <summary>The flags of `tlspreflight check`, their validation, and their mapping onto <see cref="ProbingOptions"/>.</summary>
internal sealed class CheckOptions
{
    public Argument<string[]> Targets { get; } = new("domain|address")
    {
        Description = "Recipient domains or e-mail addresses to assess.",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Write {\"domains\": [...]} as JSON instead of a table." };

    public Option<string[]> DnsServers { get; } = new("--dns-server")
    {
        Description = "Name server as IP or IP:PORT ([v6]:PORT); repeat for more. Default: the system resolvers.",
        HelpName = "IP:PORT",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<bool> Dnssec { get; } = new("--dnssec") { Description = "The given resolver validates DNSSEC: trust its AD bit (needed for DANE)." };

    public Option<int> SmtpPort { get; } = new("--smtp-port") { Description = "SMTP port to probe.", HelpName = "N", DefaultValueFactory = _ => 25 };

    public Option<int> HttpsPort { get; } = new("--https-port")
    {
        Description = "Port for the MTA-STS policy fetch (RFC 8461 says 443; labs use another).",
        HelpName = "N",
        DefaultValueFactory = _ => 443,
    };

    public Option<bool> AllowPrivateNetworks { get; } = new("--allow-private-networks")
    {
        Description = "Allow dialling private and loopback addresses found in DNS, and checking .test names (labs and tests only).",
    };

    public Option<string[]> RefuseRanges { get; } = new("--refuse-range")
    {
        Description = "CIDR range of your own network never to dial (ExtraRefusedRanges); repeat for more.",
        HelpName = "CIDR",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string> CaFile { get; } = new("--ca-file") { Description = "PEM file with extra trusted CA certificates.", HelpName = "PEM" };

    public Option<string> EhloName { get; } = new("--ehlo-name") { Description = "Name to send in EHLO.", HelpName = "NAME" };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Upper bound in seconds for each domain; every step's own deadline is capped by it.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => new ProbingOptions().DomainTimeout.TotalSeconds,
    };

    public CheckOptions()
    {
        DnsServers.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!NameServerList.TryParseEndPoint(value, out _))
                {
                    result.AddError($"--dns-server '{value}' is not IP or IP:PORT");
                }
            }
        });
        RefuseRanges.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                try
                {
                    DialPolicy.ParseRange(value);
                }
                catch (FormatException e)
                {
                    result.AddError($"--refuse-range: {e.Message}");
                }
            }
        });
        // Validators also run when the text did not convert (that error is reported on its own), so read the token.
        SmtpPort.Validators.Add(result => RequirePort(result, "--smtp-port"));
        HttpsPort.Validators.Add(result => RequirePort(result, "--https-port"));
        Timeout.Validators.Add(result =>
        {
            if (LastToken(result) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && !(seconds is > 0 and <= 3600))
            {
                result.AddError("--timeout must be more than 0 and at most 3600 seconds");
            }
        });
        CaFile.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            {
                result.AddError($"--ca-file '{path}' does not exist");
            }
        });
        EhloName.Validators.Add(result =>
        {
            if (!DomainName.TryNormalizeDomain(result.GetValueOrDefault<string>(), out _, out var error))
            {
                result.AddError($"--ehlo-name is not a host name: {error}");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Targets);
        foreach (Option option in (Option[])[Json, DnsServers, Dnssec, SmtpPort, HttpsPort, AllowPrivateNetworks, RefuseRanges, CaFile, EhloName, Timeout])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The engine configuration the flags ask for; the flags were validated while parsing.</summary>
    public ProbingOptions ToProbingOptions(ParseResult parseResult)
    {
        var options = new ProbingOptions();
        Apply(parseResult, options);
        return options;
    }

    /// <summary>Write the flags onto <paramref name="options"/>; what no flag mentions keeps its default.</summary>
    public void Apply(ParseResult parseResult, ProbingOptions options)
    {
        options.DnsServers = [.. (parseResult.GetValue(DnsServers) ?? []).Select(s => NameServerList.TryParseEndPoint(s, out var endPoint) ? endPoint.ToString() : s)];
        options.TrustResolverDnssec = parseResult.GetValue(Dnssec);
        options.SmtpPort = parseResult.GetValue(SmtpPort);
        options.HttpsPort = parseResult.GetValue(HttpsPort);
        options.AllowPrivateNetworks = parseResult.GetValue(AllowPrivateNetworks);
        options.ExtraRefusedRanges = [.. parseResult.GetValue(RefuseRanges) ?? []];
        options.ExtraTrustedCaFile = parseResult.GetValue(CaFile) is { } ca ? Path.GetFullPath(ca) : null;
        if (parseResult.GetValue(EhloName) is { } ehlo)
        {
            options.EhloName = DomainName.Normalize(ehlo);
        }

        var limit = TimeSpan.FromSeconds(parseResult.GetValue(Timeout));
        options.DomainTimeout = limit;
        options.DnsTimeout = Min(options.DnsTimeout, limit);
        options.ConnectTimeout = Min(options.ConnectTimeout, limit);
        options.SmtpCommandTimeout = Min(options.SmtpCommandTimeout, limit);
        options.TlsHandshakeTimeout = Min(options.TlsHandshakeTimeout, limit);
        options.MtaStsFetchTimeout = Min(options.MtaStsFetchTimeout, limit);
    }

    private static void RequirePort(OptionResult result, string name)
    {
        if (LastToken(result) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            && port is < 1 or > 65535)
        {
            result.AddError($"{name} must be between 1 and 65535");
        }
    }

    private static string? LastToken(OptionResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
