using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TlsPreflight.TestLab;
using TlsPreflight.TestLab.Smtp;

[assembly: AssemblyFixture(typeof(TlsPreflight.Probing.Tests.Integration.LabFixture))]

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>One DNS server, one test CA, one HTTPS policy server and one shared SMTP port for the whole test run.
/// Each test adds its own uniquely named domain to the zone and starts the SMTP servers it needs.</summary>
public sealed class LabFixture : LoopbackLab, IAsyncLifetime
{
    /// <summary>A fresh domain name under `.lab.test` so tests never see each other's records.</summary>
    public static string NewDomain(string label) => $"{label}-{Guid.NewGuid().ToString("N")[..10]}.lab.test";

    /// <summary>A fresh name outside the special-use TLDs, for tests with the guard on (AllowPrivateNetworks off),
    /// where `.test` is refused as reserved. Only the lab DNS server is ever asked about it.</summary>
    public static string NewInternetDomain(string label) => $"{label}-{Guid.NewGuid().ToString("N")[..10]}.lab-tlspreflight.net";

    /// <summary>`domain MX 10 mx.domain`, `mx.domain A` the server's address; returns the MX host name.</summary>
    public string PublishMx(string domain, LabSmtpServer server, ushort preference = 10, string? mxHost = null)
    {
        mxHost ??= server.HostName;
        Zone.Mx(domain, preference, mxHost).A(mxHost, server.Address);
        return mxHost;
    }

    /// <summary>An MX with STARTTLS and a trusted certificate for its name.</summary>
    public (string Domain, string MxHost, LabSmtpServer Server) VerifiedDomain(string label)
    {
        var domain = NewDomain(label);
        var mxHost = $"mx.{domain}";
        var server = Smtp(SmtpBehaviour.StartTls, mxHost, Authority.Issue(mxHost));
        PublishMx(domain, server);
        return (domain, mxHost, server);
    }

    /// <summary>SHA-256 of the certificate's SubjectPublicKeyInfo: the data of a `3 1 1` TLSA record.</summary>
    public static byte[] SpkiSha256(X509Certificate2 certificate) => SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
}
