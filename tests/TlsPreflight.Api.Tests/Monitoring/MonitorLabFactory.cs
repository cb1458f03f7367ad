using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Monitoring;

/// <summary>The API with the real engine against <see cref="SwitchableLab"/>, a service-wide webhook at a loopback
/// receiver, and the monitor's interval at zero so every pass re-checks every watched domain. The loop itself stays
/// off: tests run passes (<see cref="PassAsync"/>) between switches.</summary>
public sealed class MonitorLabFactory : ApiFactory
{
    public SwitchableLab Lab { get; private set; } = null!;

    public LoopbackWebhook Webhook { get; private set; } = null!;

    protected override bool UseScriptedEngine => false;

    protected override async Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        Lab = new SwitchableLab();
        Webhook = await LoopbackWebhook.StartAsync(TestContext.Current.CancellationToken);
        settings["Probing:DnsServers:0"] = Lab.Dns.Address;
        settings["Probing:SmtpPort"] = Lab.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Probing:HttpsPort"] = Lab.Https.Port.ToString(CultureInfo.InvariantCulture);
        settings["Probing:ExtraTrustedCaFile"] = Lab.CaFile;
        settings["Probing:TrustResolverDnssec"] = "true";
        settings["Probing:AllowPrivateNetworks"] = "true";
        settings["Probing:MxResultCacheLifetime"] = "00:00:00";
        settings["Assessments:PreviewDeadline"] = "00:00:30";
        settings["Assessments:SendDeadline"] = "00:00:30";
        settings["Monitoring:Interval"] = "00:00:00";
        settings["Monitoring:WebhookRetryDelay"] = "00:00:00.050";
        settings["Monitoring:Webhooks:0"] = Webhook.BaseUrl + "/service-wide";
    }

    public Task<int> PassAsync() => Services.GetRequiredService<RecheckPass>().RunOnceAsync(TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Lab.DisposeAsync();
        await Webhook.DisposeAsync();
    }
}
