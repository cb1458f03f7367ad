using System.Net;
using System.Security.Cryptography.X509Certificates;
using TlsPreflight.TestLab.Certificates;
using TlsPreflight.TestLab.Dns;
using TlsPreflight.TestLab.Https;
using TlsPreflight.TestLab.Network;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.TestLab;

/// <summary>The parts every lab shares: one DNS server, one test CA (and its PEM file for ExtraTrustedCaFile), one
/// HTTPS policy server and one SMTP port that every MX server listens on at its own 127.0.0.N. SMTP servers started
/// here stop with the lab.</summary>
public class LoopbackLab : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> servers = [];

    /// <param name="smtpPort">0 picks a free port.</param>
    public LoopbackLab(int smtpPort = 0)
    {
        SmtpPort = smtpPort == 0 ? LoopbackAddresses.FreeTcpPort() : smtpPort;
        Dns = LabDnsServer.Start();
        Authority = new TestCertificateAuthority();
        CaFile = Authority.WritePemFile();
        Https = LabHttpsServer.Start();
    }

    public LabDnsServer Dns { get; }
    public TestCertificateAuthority Authority { get; }
    public string CaFile { get; }
    public int SmtpPort { get; }
    public LabHttpsServer Https { get; }
    public LabZone Zone => Dns.Zone;

    /// <summary>The engine's settings that point it at this lab, as configuration keys (`Probing:…`): the one home of
    /// what every API, prober and bench helper sets (its DNS server, ports, CA, DNSSEC trust, loopback addresses).</summary>
    public IReadOnlyDictionary<string, string> ProbingSettings => new Dictionary<string, string>
    {
        ["Probing:DnsServers:0"] = Dns.Address,
        ["Probing:SmtpPort"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Probing:HttpsPort"] = Https.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Probing:ExtraTrustedCaFile"] = CaFile,
        ["Probing:TrustResolverDnssec"] = "true",
        ["Probing:AllowPrivateNetworks"] = "true",
    };

    /// <summary>An SMTP server for <paramref name="mxHost"/> on <see cref="SmtpPort"/>; it sends the lab CA's chain
    /// after its certificate unless <paramref name="withChain"/> is false (self-signed servers).</summary>
    public LabSmtpServer Smtp(SmtpBehaviour behaviour, string mxHost, X509Certificate2? certificate = null, IPAddress? address = null, bool withChain = true)
    {
        var server = LabSmtpServer.Start(behaviour, SmtpPort, mxHost, certificate, withChain ? Authority.Chain : null, address: address);
        lock (servers)
            servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
            await server.DisposeAsync();
        await Https.DisposeAsync();
        Dns.Dispose();
        Authority.Dispose();
        File.Delete(CaFile);
        GC.SuppressFinalize(this);
    }
}
