using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TlsPreflight.Probing.Certificates;
using TlsPreflight.Bench.EngineTiming;

// `EngineTiming <lab.json> <runs>`: cold single-domain and batch timings against the TestLab's bench scenario.
// Prints readable lines and one `RESULT {json}` line for bench/engine.sh. Asserts nothing.
if (args.Length != 2 || !int.TryParse(args[1], out var runs) || runs < 1)
{
    Console.Error.WriteLine("usage: EngineTiming <lab.json> <runs>");
    return 2;
}
var lab = LabDescription.Read(args[0]);
if (lab.Bench is null)
{
    Console.Error.WriteLine("lab.json has no bench section: start the lab with `serve --scenario bench`");
    return 2;
}
var domains = lab.Bench.Domains.Keys.Order(StringComparer.Ordinal).ToList();
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // the whole run is bounded
var token = stop.Token;

// The first assessment in a process pays for JIT; report it, then measure warm code on cold caches.
var firstInProcess = await TimeAsync(async e => await e.AssessAsync(domains[0], token));
Console.WriteLine($"first assessment in a fresh process (JIT included): {firstInProcess:F1} ms");

// DNS questions of one domain and of the batch (fresh engines, so nothing is cached).
var singleDns = await CountAsync(async e => await e.AssessAsync(domains[0], token));
var batchDns = await CountAsync(async e => await e.AssessManyAsync(domains, token));
Console.WriteLine($"DNS queries, one domain: {Describe(singleDns)}");
Console.WriteLine($"DNS queries, batch of {domains.Count} over {lab.Bench.MxHosts.Count} MX: {Describe(batchDns)} " +
    $"= {batchDns.Queries / (double)domains.Count:F1} per domain");

// Where the batch's CPU goes, part 1: certificate work per probe, on one presented chain, repeated (warm code).
await using (var engine = new ColdEngine(lab))
{
    var sample = await engine.Assessor.AssessAsync(domains[0], token);
    var der = sample.MxHosts[0].Probes[0].Tls?.ChainDer;
    if (der is { Count: > 0 })
    {
        var validator = engine.Get<ChainValidator>();
        var chain = der.Select(X509CertificateLoader.LoadCertificate).ToList();
        var host = sample.MxHosts[0].Host;
        const int repeats = 50;
        // What a probe pays: the chain SslStream builds during the handshake (with the validator's handshake policy) ...
        X509ChainStatus[] handshakeStatus = [];
        var handshakeBuild = Repeat(() =>
        {
            using var x = new X509Chain { ChainPolicy = validator.HandshakePolicy() };
            x.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
            x.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1")); // as SslStream asks
            x.Build(chain[0]);
            handshakeStatus = x.ChainStatus;
        });
        // ... then our judgement from that chain's status (no further build for a chain to the handshake's anchor),
        var fromHandshake = Repeat(() => validator.Validate(chain[0], chain, host, DateTimeOffset.UtcNow, handshakeStatus));
        // against the judgement that builds on its own (system roots, then the extra CA: what a probe did before).
        var standalone = Repeat(() => validator.Validate(chain[0], chain, host, DateTimeOffset.UtcNow));
        Console.WriteLine($"certificate work per probe (warm): handshake chain build {handshakeBuild:F2} ms + judgement from it {fromHandshake:F2} ms" +
            $" = {handshakeBuild + fromHandshake:F2} ms; a judgement that builds its own chains (two builds): {standalone:F2} ms");
        Console.WriteLine($"  the sample's probe: {string.Join("; ", sample.MxHosts.SelectMany(h => h.Probes).Select(p => p.Timings))}");

        static double Repeat(Action work)
        {
            work(); // warm
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < repeats; i++)
                work();
            return watch.Elapsed.TotalMilliseconds / repeats;
        }
    }
}

// One untimed round of each timed shape, so the timed runs meet compiled code only.
await TimeAsync(async e => await e.AssessManyAsync(domains, token));
await TimeAsync(async e => await e.AssessAsync(domains[^1], token));

var single = new List<double>();
var batch = new List<double>();
var oneByOne = new List<double>();
var levels = new SortedDictionary<string, int>();
for (var run = 0; run < runs; run++)
{
    // Each timing uses a fresh engine, so nothing is cached from an earlier run.
    single.Add(await TimeAsync(async e => await e.AssessAsync(domains[run % domains.Count], token)));
    batch.Add(await TimeAsync(async e =>
    {
        foreach (var a in await e.AssessManyAsync(domains, token))
            levels[a.Level.ToString()] = levels.GetValueOrDefault(a.Level.ToString()) + 1;
    }));
    var sequential = 0.0;
    foreach (var domain in domains)
        sequential += await TimeAsync(async e => await e.AssessAsync(domain, token));
    oneByOne.Add(sequential);
}

var result = new
{
    runs,
    domains = domains.Count,
    mxHosts = lab.Bench.MxHosts.Count,
    firstInProcessMs = Math.Round(firstInProcess, 1),
    singleMedianMs = Median(single),
    singleP95Ms = Percentile(single, 0.95),
    batchMedianMs = Median(batch),
    oneByOneMedianMs = Median(oneByOne),
    batchLevels = levels,
    singleDnsQueries = singleDns.Queries,
    batchDnsQueries = batchDns.Queries,
};
Console.WriteLine($"single domain, cold engine: median {result.singleMedianMs} ms, p95 {result.singleP95Ms} ms over {runs} runs");
Console.WriteLine($"{domains.Count} domains / {result.mxHosts} MX hosts in one AssessManyAsync: median {result.batchMedianMs} ms");
Console.WriteLine($"the same {domains.Count} one by one, each on a cold engine: median {result.oneByOneMedianMs} ms");
Console.WriteLine($"levels seen in the batches: {string.Join(", ", levels.Select(l => $"{l.Key}={l.Value}"))}");
Console.WriteLine("RESULT " + System.Text.Json.JsonSerializer.Serialize(result));
return 0;

async Task<double> TimeAsync(Func<TlsPreflight.Probing.Assessment.IDomainAssessor, Task> work)
{
    await using var engine = new ColdEngine(lab); // built outside the timed part
    var watch = Stopwatch.StartNew();
    await work(engine.Assessor);
    return watch.Elapsed.TotalMilliseconds;
}

async Task<CountingMailDns> CountAsync(Func<TlsPreflight.Probing.Assessment.IDomainAssessor, Task> work)
{
    await using var engine = new ColdEngine(lab);
    await work(engine.Assessor);
    return engine.Dns;
}

static string Describe(CountingMailDns dns)
{
    var (mx, pairs, tlsa, txt) = dns.Counts;
    return $"{dns.Queries} (MX {mx}, A+AAAA {pairs}×2, TLSA {tlsa}, TXT {txt})";
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var index = (int)Math.Ceiling(p * sorted.Count) - 1;
    return Math.Round(sorted[Math.Clamp(index, 0, sorted.Count - 1)], 1);
}
