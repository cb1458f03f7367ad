using System.Diagnostics;
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

// Where the batch's CPU goes, part 1: our certificate judgement of one presented chain, repeated (warm).
await using (var engine = new ColdEngine(lab))
{
    var sample = await engine.Assessor.AssessAsync(domains[0], token);
    var der = sample.MxHosts[0].Probes[0].Tls?.ChainDer;
    if (der is { Count: > 0 })
    {
        var validator = engine.Get<TlsPreflight.Probing.Certificates.ChainValidator>();
        var chain = der.Select(d => System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(d)).ToList();
        var watch = Stopwatch.StartNew();
        const int repeats = 50;
        for (var i = 0; i < repeats; i++)
            validator.Validate(chain[0], chain, sample.MxHosts[0].Host, DateTimeOffset.UtcNow);
        Console.WriteLine($"certificate judgement (ChainValidator.Validate, warm): {watch.Elapsed.TotalMilliseconds / repeats:F2} ms per chain");
        // Of which: one X509Chain build against the system roots (fails for the lab CA) and one against the lab CA.
        var labRoots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        labRoots.ImportFromPemFile(lab.CaFile);
        foreach (var custom in new[] { false, true })
        {
            watch.Restart();
            for (var i = 0; i < repeats; i++)
            {
                using var x = new System.Security.Cryptography.X509Certificates.X509Chain();
                x.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                x.ChainPolicy.DisableCertificateDownloads = true;
                x.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
                if (custom)
                {
                    x.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                    x.ChainPolicy.CustomTrustStore.AddRange(labRoots);
                }
                x.Build(chain[0]);
            }
            Console.WriteLine($"  one X509Chain.Build, {(custom ? "lab CA as custom root" : "system roots")}: {watch.Elapsed.TotalMilliseconds / repeats:F2} ms");
        }
        Console.WriteLine($"  the sample's probe: {string.Join("; ", sample.MxHosts.SelectMany(h => h.Probes).Select(p => p.Timings))}");
    }
}

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
