using System.Security.Cryptography.X509Certificates;
using ARSoft.Tools.Net.Dns;
using TlsPreflight.TestLab;
using TlsPreflight.TestLab.Https;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Api.Tests.Monitoring;

/// <summary>A loopback lab whose partner domains can be switched while the service runs: each switch starts a real
/// server at a fresh loopback address and points the MX host's A record at it, so the MX set stays the same.</summary>
public sealed class SwitchableLab : LoopbackLab
{
    /// <summary>A domain with one MX at `mx.{domain}`: STARTTLS with a trusted certificate, and MTA-STS enforce when asked.</summary>
    public void AddPartner(string domain, bool mtaSts)
    {
        var mx = "mx." + domain;
        Zone.Mx(domain, 10, mx);
        Point(mx, Smtp(SmtpBehaviour.StartTls, mx, Authority.Issue(mx)));
        if (mtaSts)
        {
            Zone.Txt("_mta-sts." + domain, "v=STSv1; id=1;").A("mta-sts." + domain, Https.Address);
            Https.Route("mta-sts." + domain, Authority.Issue("mta-sts." + domain), LabHttpResponse.Policy("enforce", 86400, mx), Authority.Chain);
        }
    }

    /// <summary>A domain whose MX never offered STARTTLS.</summary>
    public void AddPlaintextPartner(string domain)
    {
        var mx = "mx." + domain;
        Zone.Mx(domain, 10, mx);
        Point(mx, Smtp(SmtpBehaviour.Plaintext, mx));
    }

    /// <summary>MTA-STS enforce → testing, announced with a new id (RFC 8461 §3.1) so senders fetch it again.</summary>
    public void PolicyToTesting(string domain)
    {
        Https.Respond("mta-sts." + domain, LabHttpResponse.Policy("testing", 86400, "mx." + domain));
        Zone.Remove("_mta-sts." + domain, RecordType.Txt).Txt("_mta-sts." + domain, "v=STSv1; id=2;");
    }

    /// <summary>The MX presents a renewed certificate that expires in <paramref name="days"/> days.</summary>
    public X509Certificate2 RenewShort(string domain, int days)
    {
        var mx = "mx." + domain;
        var certificate = Authority.Issue([mx], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(days));
        Point(mx, Smtp(SmtpBehaviour.StartTls, mx, certificate));
        return certificate;
    }

    /// <summary>The MX stops offering STARTTLS (the partner turned it off, or a stripper sits on the path).</summary>
    public void StartTlsOff(string domain)
    {
        var mx = "mx." + domain;
        Point(mx, Smtp(SmtpBehaviour.Plaintext, mx));
    }

    private void Point(string mx, LabSmtpServer server) => Zone.Remove(mx, RecordType.A).A(mx, server.Address);
}
