namespace TlsPreflight.Api.Edges;

/// <summary>`Proxy`: the load balancers whose X-Forwarded-For/-Proto the service believes. Empty: only loopback
/// (ASP.NET's default), so a client cannot claim another address or https by sending the headers itself.</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Addresses of the proxies, e.g. `10.0.0.4`.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, e.g. `10.0.0.0/24`.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row add to X-Forwarded-For (default 1).</summary>
    public int ForwardLimit { get; set; } = 1;
}
